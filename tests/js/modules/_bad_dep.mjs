export const ok = 1;
export default function (;
