"""Detection and tracking: AI jobs over a video, and the review of what they found."""
