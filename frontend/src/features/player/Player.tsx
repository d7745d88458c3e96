/**
 * The frame-exact player: the stream in a `<video>`, the frame shown identified from
 * `requestVideoFrameCallback`'s media time through the frame-time table (never time x fps),
 * and, while paused on frame n, the exact image of frame n laid over the element, so what is
 * shown is frame n whatever the element's decoder did. Play/pause and stepping are commands
 * (palette, shortcuts dialog, keys).
 */
import PauseIcon from "@mui/icons-material/Pause";
import PlayArrowIcon from "@mui/icons-material/PlayArrow";
import Alert from "@mui/material/Alert";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import CircularProgress from "@mui/material/CircularProgress";
import IconButton from "@mui/material/IconButton";
import Stack from "@mui/material/Stack";
import Tooltip from "@mui/material/Tooltip";
import Typography from "@mui/material/Typography";
import { useQuery } from "@tanstack/react-query";
import { useEffect, useMemo, useRef, useState } from "react";
import { useStore } from "zustand";
import { useCommands, type Command } from "@/lib/commands";
import { frameAtTime } from "@/geometry/frames";
import { frameImageUrl, frameTimesQuery, streamUrl } from "./api";
import { formatTimecode, seekTimeOfFrame, stepFrame } from "./frames";
import { createPlayerStore, type PlayerStore } from "./store";

export interface PlayerProps {
  videoId: string;
  title: string;
  poster?: string | null;
  /** Coded width and height, for the box's aspect ratio before the stream loads. */
  width?: number | null;
  height?: number | null;
}

export function Player(props: PlayerProps) {
  const table = useQuery(frameTimesQuery(props.videoId));
  if (table.isPending) return <CircularProgress aria-label="Loading frame times" />;
  if (table.isError) return <Alert severity="error">Could not load the frame times: {table.error.message}</Alert>;
  return <LoadedPlayer {...props} times={table.data.times_s} />;
}

interface Controls {
  seekToFrame: (frame: number) => void;
  step: (delta: number) => void;
  togglePlay: () => void;
}

function useControls(video: React.RefObject<HTMLVideoElement | null>, store: PlayerStore, times: readonly number[]): Controls {
  return useMemo(() => {
    const seekToFrame = (frame: number) => {
      const element = video.current;
      if (!element || times.length === 0) return;
      if (!element.paused) element.pause();
      store.setState({ frame, paused: true });
      element.currentTime = seekTimeOfFrame(times, frame, element.duration);
    };
    return {
      seekToFrame,
      step: (delta) => seekToFrame(stepFrame(store.getState().frame, delta, times.length)),
      togglePlay: () => {
        const element = video.current;
        if (!element) return;
        if (element.paused) void element.play().catch(() => store.setState({ paused: true }));
        else element.pause();
      },
    };
  }, [video, store, times]);
}

const STEPS: readonly [string, string, string, number][] = [
  ["player.frame.previous", "Previous frame", "ArrowLeft", -1],
  ["player.frame.next", "Next frame", "ArrowRight", 1],
  ["player.frame.back10", "Back 10 frames", "Shift+ArrowLeft", -10],
  ["player.frame.forward10", "Forward 10 frames", "Shift+ArrowRight", 10],
];

function usePlayerCommands(controls: Controls) {
  useCommands(
    (): Command[] => [
      { id: "player.playPause", title: "Play / pause", category: "Player", shortcut: " ", perform: controls.togglePlay },
      ...STEPS.map(([id, title, shortcut, delta]) => ({
        id, title, category: "Player", shortcut, perform: () => controls.step(delta),
      })),
    ],
    [controls],
  );
}

/** Follows the element: the presented frame while playing, play/pause, the first frame. */
function useFrameTracking(
  video: React.RefObject<HTMLVideoElement | null>, store: PlayerStore, times: readonly number[], controls: Controls,
) {
  useEffect(() => {
    const element = video.current;
    if (!element) return;
    const follow = (mediaTimeS: number) => {
      // While paused the frame is the one stepped to; a late callback must not undo a step.
      if (store.getState().paused) return;
      const frame = frameAtTime(times, mediaTimeS) ?? 0;
      if (frame !== store.getState().frame) store.setState({ frame });
    };
    let handle = 0;
    let stopped = false;
    const onFrame: VideoFrameRequestCallback = (_now, metadata) => {
      follow(metadata.mediaTime);
      if (!stopped) handle = element.requestVideoFrameCallback(onFrame);
    };
    const hasCallback = "requestVideoFrameCallback" in HTMLVideoElement.prototype;
    if (hasCallback) handle = element.requestVideoFrameCallback(onFrame);
    const onTimeUpdate = () => follow(element.currentTime); // older browsers only
    const onPlay = () => store.setState({ paused: false });
    // Paused (or ended): land the element on the last frame presented, which is the frame shown.
    const onPause = () => controls.seekToFrame(store.getState().frame);
    const onLoaded = () => controls.seekToFrame(store.getState().frame);
    if (!hasCallback) element.addEventListener("timeupdate", onTimeUpdate);
    element.addEventListener("play", onPlay);
    element.addEventListener("pause", onPause);
    element.addEventListener("loadedmetadata", onLoaded);
    return () => {
      stopped = true;
      if (hasCallback) element.cancelVideoFrameCallback(handle);
      element.removeEventListener("timeupdate", onTimeUpdate);
      element.removeEventListener("play", onPlay);
      element.removeEventListener("pause", onPause);
      element.removeEventListener("loadedmetadata", onLoaded);
    };
  }, [video, store, times, controls]);
}

/** Frame number and timecode, written straight into the DOM: playback re-renders nothing. */
function FrameReadout({ store, times }: { store: PlayerStore; times: readonly number[] }) {
  const frameRef = useRef<HTMLSpanElement>(null);
  const timeRef = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    const write = (frame: number) => {
      if (frameRef.current) frameRef.current.textContent = String(frame);
      if (timeRef.current) timeRef.current.textContent = times.length ? formatTimecode(times[frame] ?? 0) : "–";
    };
    write(store.getState().frame);
    return store.subscribe((state, previous) => {
      if (state.frame !== previous.frame) write(state.frame);
    });
  }, [store, times]);
  return (
    <Typography component="div" sx={{ fontVariantNumeric: "tabular-nums", fontFamily: "monospace" }}>
      Frame <span ref={frameRef} role="status" aria-live="off" aria-label="Current frame" /> / {Math.max(0, times.length - 1)}
      {" · "}
      <span ref={timeRef} aria-label="Timecode" role="status" aria-live="off" />
    </Typography>
  );
}

/** While paused on frame n, its exact image over the element (and its neighbours fetched). */
function ExactFrame({ videoId, store, frameCount }: { videoId: string; store: PlayerStore; frameCount: number }) {
  const frame = useStore(store, (state) => (state.paused ? state.frame : null));
  useEffect(() => {
    if (frame === null) return;
    for (const next of [frame + 1, frame - 1]) {
      if (next >= 0 && next < frameCount) new Image().src = frameImageUrl(videoId, next);
    }
  }, [videoId, frame, frameCount]);
  if (frame === null || frameCount === 0) return null;
  return (
    <Box component="img" src={frameImageUrl(videoId, frame)} alt={`Frame ${frame}`} draggable={false}
      sx={{ position: "absolute", inset: 0, width: "100%", height: "100%", objectFit: "contain", pointerEvents: "none" }} />
  );
}

function LoadedPlayer({ videoId, title, poster, width, height, times }: PlayerProps & { times: readonly number[] }) {
  const video = useRef<HTMLVideoElement>(null);
  const [store] = useState(createPlayerStore);
  const controls = useControls(video, store, times);
  usePlayerCommands(controls);
  useFrameTracking(video, store, times, controls);
  const paused = useStore(store, (state) => state.paused);
  return (
    <Stack spacing={1} sx={{ width: { xs: "100%", lg: 760 }, maxWidth: "100%" }}>
      <Box sx={{ position: "relative", bgcolor: "black", borderRadius: 1, overflow: "hidden",
        aspectRatio: width && height ? `${width} / ${height}` : "16 / 9" }}>
        <Box component="video" ref={video} preload="auto" src={streamUrl(videoId)} poster={poster ?? undefined}
          aria-label={`Video player: ${title}`} onClick={controls.togglePlay}
          sx={{ display: "block", width: "100%", height: "100%", objectFit: "contain" }} />
        <ExactFrame videoId={videoId} store={store} frameCount={times.length} />
      </Box>
      <Stack direction="row" spacing={1} sx={{ alignItems: "center", flexWrap: "wrap" }} useFlexGap>
        <Tooltip title={paused ? "Play (Space)" : "Pause (Space)"}>
          <IconButton onClick={controls.togglePlay} aria-label={paused ? "Play" : "Pause"}>
            {paused ? <PlayArrowIcon /> : <PauseIcon />}
          </IconButton>
        </Tooltip>
        {STEPS.map(([id, label, shortcut, delta]) => (
          <Button key={id} size="small" variant="outlined" onClick={() => controls.step(delta)}
            aria-label={label} title={`${label} (${shortcut.replace("Arrow", "")})`}>
            {delta > 0 ? `+${delta}` : delta}
          </Button>
        ))}
        <FrameReadout store={store} times={times} />
      </Stack>
    </Stack>
  );
}
