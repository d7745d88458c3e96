export { Player } from "./Player";
export { formatTimecode, seekTimeOfFrame, stepFrame } from "./frames";
