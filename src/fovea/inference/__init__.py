"""The model service: AI tasks that run on a laptop CPU with nothing to download.

    contract.py   the wire schemas of every task (HTTP bodies and job payloads alike)
    registry.py   the YAML model config (task slots) and the cache of loaded models
    backends/     one module per backend: OpenCV, ONNX, trackers, sentence-transformers,
                  faster-whisper, the storyboard summarizer, the type catalogue, HTTP
                  providers (OpenAI-compatible, Anthropic, Gemini), local transformers
    tasks/        the handlers: detect, track, transcribe, summarize, augment, embed
    video.py      from a video URI to frames by index
    app.py        the FastAPI app of `fovea model-service` (port 8000)

This package never opens the database and imports no feature of the API: a model service on
another machine needs only the queue and the video storage.
"""
