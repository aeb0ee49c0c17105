// category: dual (exports import/require); needs: process.env.NODE_ENV
import {produce} from "immer"

const baseState = [
    {title: "Learn TypeScript", done: true},
    {title: "Try Immer", done: false}
]

const nextState = produce(baseState, draftState => {
    draftState.push({title: "Tweet about it"})
    draftState[1].done = true
})

console.log(baseState.length, nextState.length)
console.log(baseState[1].done, nextState[1].done)
console.log(baseState[0] === nextState[0], Object.isFrozen(nextState))
console.log(JSON.stringify(nextState))
