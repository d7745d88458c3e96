/**
 * A one-line rich text field: typing `#` lists the persona's types, `@` the world objects
 * (filtered as you type; arrows, Enter or Tab insert, Esc closes). References are chips that
 * the browser keeps whole while the text around them is edited; the value is a list of parts.
 */
import Box from "@mui/material/Box";
import FormLabel from "@mui/material/FormLabel";
import Paper from "@mui/material/Paper";
import Typography from "@mui/material/Typography";
import { useQuery } from "@tanstack/react-query";
import { useCallback, useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from "react";
import { worldObjectOptionsQuery } from "./api";
import { CHIP_CLASS, readGloss, relabelChips, renderGloss, selectionOffsets, setCaret } from "./dom";
import {
  filterOptions, findTrigger, glossEquals, insertReference, spliceGloss, text, textBeforeCaret,
  type Gloss, type GlossPart, type GlossRef, type RefOption, type Trigger,
} from "./parts";

interface Props {
  label: string;
  value: Gloss;
  onChange: (parts: GlossPart[]) => void;
  /** What `#` offers: the persona's types. */
  typeOptions: readonly RefOption[];
}

interface OpenList {
  trigger: Trigger;
  caret: number;
  active: number;
}

/** The label of every reference the editor knows, falling back to a short id. */
export function useRefLabels(typeOptions: readonly RefOption[], objectOptions: readonly RefOption[]) {
  return useMemo(() => {
    const names = new Map<string, string>();
    for (const option of [...typeOptions, ...objectOptions]) names.set(option.ref.id, option.label);
    return (ref: GlossRef) => names.get(ref.id) ?? ref.id.slice(0, 8);
  }, [typeOptions, objectOptions]);
}

export function GlossEditor({ label, value, onChange, typeOptions }: Props) {
  const rootRef = useRef<HTMLDivElement>(null);
  const emitted = useRef<Gloss | null>(null);
  const [list, setList] = useState<OpenList | null>(null);
  const dismissedAt = useRef<number | null>(null);
  const objects = useQuery(worldObjectOptionsQuery());
  const objectOptions = objects.data ?? [];
  const labelOf = useRefLabels(typeOptions, objectOptions);
  const labelId = useId();
  const listId = useId();
  const hintId = useId();

  // Render from `value` when it changes from outside (not when it echoes our own edit).
  useEffect(() => {
    const root = rootRef.current;
    if (!root || (emitted.current && glossEquals(emitted.current, value))) return;
    renderGloss(root, value, labelOf);
    emitted.current = value;
  }, [value]); // labels alone are refreshed below, in place

  useEffect(() => {
    if (rootRef.current) relabelChips(rootRef.current, labelOf);
  }, [labelOf]);

  const options = useMemo(() => {
    if (!list) return [];
    const source = list.trigger.marker === "#" ? typeOptions : objectOptions;
    return filterOptions(source, list.trigger.query);
  }, [list, typeOptions, objectOptions]);

  const emit = useCallback((parts: GlossPart[]) => {
    emitted.current = parts;
    onChange(parts);
  }, [onChange]);

  const updateList = (parts: Gloss) => {
    const root = rootRef.current;
    const offsets = root ? selectionOffsets(root) : null;
    const trigger = offsets ? findTrigger(textBeforeCaret(parts, offsets[1])) : null;
    if (!offsets || !trigger) {
      dismissedAt.current = null;
      return setList(null);
    }
    const start = offsets[1] - trigger.length;
    if (dismissedAt.current === start) return setList(null);
    setList({ trigger, caret: offsets[1], active: 0 });
  };

  const onInput = () => {
    const root = rootRef.current;
    if (!root) return;
    const parts = readGloss(root);
    emit(parts);
    updateList(parts);
  };

  /** Replaces the current selection with `parts` re-rendered, caret at `caret`. */
  const apply = (parts: GlossPart[], caret: number) => {
    const root = rootRef.current;
    if (!root) return;
    renderGloss(root, parts, labelOf);
    setCaret(root, caret);
    emit(parts);
  };

  const choose = (option: RefOption) => {
    const root = rootRef.current;
    if (!root || !list) return;
    const next = insertReference(readGloss(root), list.caret, list.trigger, option.ref);
    apply(next.parts, next.caret);
    setList(null);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (list && options.length > 0) {
      const move = (delta: number) =>
        setList({ ...list, active: (list.active + delta + options.length) % options.length });
      if (event.key === "ArrowDown") return void (event.preventDefault(), move(1));
      if (event.key === "ArrowUp") return void (event.preventDefault(), move(-1));
      if (event.key === "Enter" || event.key === "Tab") {
        event.preventDefault();
        const option = options[list.active];
        if (option) choose(option);
        return;
      }
    }
    if (event.key === "Escape" && list) {
      event.preventDefault();
      event.stopPropagation(); // close the list, not the dialog around the editor
      dismissedAt.current = list.caret - list.trigger.length;
      setList(null);
      return;
    }
    if (event.key === "Enter") event.preventDefault(); // one line: Enter does not break it
  };

  const onPaste = (event: React.ClipboardEvent<HTMLDivElement>) => {
    event.preventDefault();
    const root = rootRef.current;
    const offsets = root ? selectionOffsets(root) : null;
    if (!root || !offsets) return;
    const pasted = event.clipboardData.getData("text/plain").replace(/\s*\n\s*/g, " ");
    apply(spliceGloss(readGloss(root), offsets[0], offsets[1], [text(pasted)]), offsets[0] + pasted.length);
  };

  const open = list !== null && options.length > 0;
  const activeId = open ? `${listId}-${list.active}` : undefined;
  return (
    <Box sx={{ position: "relative" }}>
      <FormLabel id={labelId} sx={{ fontSize: 12, display: "block", mb: 0.5 }}>{label}</FormLabel>
      <Box
        ref={rootRef}
        role="combobox"
        aria-labelledby={labelId}
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={open ? listId : undefined}
        aria-activedescendant={activeId}
        aria-describedby={hintId}
        contentEditable
        suppressContentEditableWarning
        spellCheck
        tabIndex={0}
        onInput={onInput}
        onKeyDown={onKeyDown}
        onKeyUp={(event) => (event.key.startsWith("Arrow") && !open ? updateList(readGloss(event.currentTarget)) : undefined)}
        onPaste={onPaste}
        onBlur={() => setList(null)}
        sx={{
          minHeight: 40, px: 1.5, py: 1, border: 1, borderColor: "divider", borderRadius: 1,
          lineHeight: 1.9, whiteSpace: "pre-wrap", wordBreak: "break-word", outline: "none",
          "&:focus": { borderColor: "primary.main", boxShadow: (t) => `0 0 0 1px ${t.palette.primary.main}` },
          [`& .${CHIP_CLASS}`]: {
            display: "inline-block", px: 0.75, mx: 0.25, borderRadius: 3, lineHeight: 1.5,
            bgcolor: "action.selected", fontSize: "0.875em", userSelect: "all",
          },
        }}
      />
      <Typography id={hintId} variant="caption" color="text.secondary">
        Type # for a type, @ for a world object.
      </Typography>
      {open && (
        <Paper elevation={6} sx={{ position: "absolute", zIndex: 10, left: 0, right: 0, top: "100%", mt: -2.5 }}>
          <Box component="ul" role="listbox" id={listId}
            aria-label={list.trigger.marker === "#" ? "Types" : "World objects"}
            sx={{ listStyle: "none", m: 0, p: 0.5, maxHeight: 260, overflowY: "auto" }}>
            {options.map((option, index) => (
              <Box component="li" key={option.ref.id} id={`${listId}-${index}`} role="option"
                aria-selected={index === list.active}
                onMouseDown={(event) => event.preventDefault()} // keep the caret in the editor
                onClick={() => choose(option)}
                sx={{
                  px: 1.5, py: 0.75, borderRadius: 1, cursor: "pointer", display: "flex", gap: 1,
                  bgcolor: index === list.active ? "action.selected" : undefined,
                }}>
                <span>{option.label}</span>
                <Typography component="span" variant="body2" color="text.secondary">{option.detail}</Typography>
              </Box>
            ))}
          </Box>
        </Paper>
      )}
    </Box>
  );
}
