// TextDecoder labels: the Encoding standard's table, case-insensitive, ASCII whitespace
// trimmed; unknown labels and the "replacement" ones are a RangeError.
const labels = [
  "unicode-1-1-utf-8", "utf8", "UTF-8", " utf-8\n", "\t\f\rutf8 ",
  "866", "cp866", "ibm866", "csisolatin2", "iso_8859-2:1987", "l3", "latin4",
  "cyrillic", "arabic", "iso-8859-6-i", "greek8", "sun_eu_greek", "hebrew", "visual",
  "logical", "csiso88598i", "iso-8859-8-i", "latin6", "iso885913", "iso8859-14", "l9",
  "koi", "koi8_r", "koi8-u", "csmacintosh", "x-mac-roman", "dos-874",
  "tis-620", "iso-8859-11", "x-cp1250", "cp1251", "ascii", "us-ascii", "latin1",
  "iso-8859-1", "ansi_x3.4-1968", "cp819", "windows-1252", "cp1253", "iso-8859-9", "latin5",
  "cp1255", "cp1256", "cp1257", "x-cp1258", "x-mac-ukrainian", "chinese", "gb2312", "gbk",
  "x-gbk", "gb18030", "big5", "big5-hkscs", "cn-big5", "x-x-big5", "euc-jp", "x-euc-jp",
  "csiso2022jp", "iso-2022-jp", "shift_jis", "sjis", "ms_kanji", "windows-31j", "x-sjis",
  "euc-kr", "korean", "ks_c_5601-1987", "windows-949", "utf-16", "utf-16le", "UTF-16BE",
];
for (const label of labels) {
  console.log(JSON.stringify(label), new TextDecoder(label).encoding);
}
const bad = ["", "utf-9", "\u00a0utf-8", "utf-8\u000b", "utf\u00008", "iso-2022-kr",
  "hz-gb-2312", "iso-2022-cn", "iso-2022-cn-ext", "csiso2022kr", "replacement"];
for (const label of bad) {
  try {
    new TextDecoder(label);
    console.log(JSON.stringify(label), "accepted");
  } catch (e) {
    console.log(JSON.stringify(label), e.name, e instanceof RangeError);
  }
}
console.log(new TextDecoder().encoding, new TextDecoder(undefined).encoding);
