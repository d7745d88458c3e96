"""Provider backends: language and vision-language models behind an HTTP API.

    http.py                the shared machinery: settings from the option, one httpx client
                           per loaded option, retries, error translation, the generator
    openai_compatible.py   the Chat Completions protocol (OpenAI, vLLM, SGLang, llama.cpp,
                           Ollama)
    anthropic.py           the Anthropic Messages API
    gemini.py              the Gemini ``generateContent`` API

Each module has ``load(option, device)`` returning a ``TextGenerator`` and
``unavailable(option)`` saying why an option cannot load (a missing parameter or API key).
"""
