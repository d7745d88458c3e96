/** A gloss read-only: text with references as small chips. */
import Box from "@mui/material/Box";
import Chip from "@mui/material/Chip";
import { markerOf } from "./dom";
import type { Gloss, GlossRef } from "./parts";

interface Props {
  gloss: Gloss;
  label: (ref: GlossRef) => string;
}

export function GlossView({ gloss, label }: Props) {
  if (gloss.length === 0) return <Box component="span" sx={{ color: "text.secondary" }}>No description</Box>;
  return (
    <Box component="span" sx={{ whiteSpace: "pre-wrap" }}>
      {gloss.map((part, index) =>
        part.kind === "text" ? (
          <span key={index}>{part.text}</span>
        ) : (
          <Chip key={index} size="small" variant="outlined" data-gloss-chip={part.kind}
            label={`${markerOf(part)}${label(part)}`} sx={{ mx: 0.25, height: 20 }} />
        ),
      )}
    </Box>
  );
}
