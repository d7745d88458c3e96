import Button from "@mui/material/Button";
import Stack from "@mui/material/Stack";
import Typography from "@mui/material/Typography";
import { Link as RouterLink, useLocation } from "react-router";

export function NotFoundPage() {
  const location = useLocation();
  return (
    <Stack spacing={2} sx={{ alignItems: "flex-start" }}>
      <Typography variant="h5" component="h1">Page not found</Typography>
      <Typography>Nothing lives at <code>{location.pathname}</code>.</Typography>
      <Button variant="contained" component={RouterLink} to="/">Go to videos</Button>
    </Stack>
  );
}
