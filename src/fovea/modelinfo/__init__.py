"""What the web app's model settings page shows: each AI task's options, device and health."""
