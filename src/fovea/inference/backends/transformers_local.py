"""A local Hugging Face causal language model, run with ``transformers`` (text only).

The option's ``path`` is a directory written by ``save_pretrained`` (weights, config and
tokenizer); nothing is ever downloaded. The prompt goes through the tokenizer's chat template
when it has one, else as plain ``system\\n\\nuser`` text. The model reads text only
(``accepts_images`` is False): images in a prompt are left out.

torch and transformers are imported when an option loads, never when the service starts.
"""

from __future__ import annotations

import gc
import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fovea.errors import ModelFailed
from fovea.inference.backends.base import Prompt

if TYPE_CHECKING:
    from fovea.inference.registry import ModelOption

log = logging.getLogger(__name__)

DTYPES = ("auto", "float16", "bfloat16", "float32")


def unavailable(option: ModelOption) -> str | None:
    """Why the option cannot load: no ``path``, or no directory there."""
    path = option.params.get("path")
    if not path:
        return "set path to a local model directory (written by save_pretrained)"
    if not Path(str(path)).expanduser().is_dir():
        return f"no model directory at {path}"
    return None


def load(option: ModelOption, device: str) -> LocalTextGenerator:
    """Load the tokenizer and model from ``path`` onto ``device`` ("cpu" or "cuda")."""
    reason = unavailable(option)
    if reason is not None:
        raise ModelFailed(f"the {option.task} option {option.name!r} cannot load: {reason}")
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    path = Path(str(option.params["path"])).expanduser()
    dtype = _torch_dtype(option, device)
    tokenizer = AutoTokenizer.from_pretrained(path, local_files_only=True)
    # Any: transformers' stubs type .to() and .eval() too loosely for mypy strict
    model: Any = AutoModelForCausalLM.from_pretrained(path, local_files_only=True, dtype=dtype)
    model.to(torch.device(device))
    model.eval()
    name = str(option.params.get("model") or path.name)
    return LocalTextGenerator(name, tokenizer, model, device)


def _torch_dtype(option: ModelOption, device: str) -> Any:
    """The torch dtype of the ``dtype`` parameter; ``auto`` is float32 on the CPU (where
    half precision is slow or unsupported) and bfloat16 on a GPU that has it, else float16."""
    import torch

    name = option.params.get("dtype", "auto")
    if name not in DTYPES:
        raise ModelFailed(
            f"the option {option.name!r}: dtype must be one of {', '.join(DTYPES)}, not {name!r}"
        )
    if name != "auto":
        return getattr(torch, name)
    if device != "cuda":
        return torch.float32
    return torch.bfloat16 if torch.cuda.is_bf16_supported() else torch.float16


def prompt_text(tokenizer: Any, prompt: Prompt) -> str:
    """The text the model continues: the chat template's rendering when the tokenizer has
    one (system folded into the user turn when the template refuses a system role), else
    ``system\\n\\nuser``."""
    if not getattr(tokenizer, "chat_template", None):
        return f"{prompt.system}\n\n{prompt.user}" if prompt.system else prompt.user
    messages = [{"role": "user", "content": prompt.user}]
    if prompt.system:
        messages.insert(0, {"role": "system", "content": prompt.system})
    from jinja2 import TemplateError

    try:
        return str(
            tokenizer.apply_chat_template(messages, tokenize=False, add_generation_prompt=True)
        )
    except TemplateError:  # templates without a system role raise_exception() on one
        if not prompt.system:
            raise
    folded = [{"role": "user", "content": f"{prompt.system}\n\n{prompt.user}"}]
    return str(tokenizer.apply_chat_template(folded, tokenize=False, add_generation_prompt=True))


class LocalTextGenerator:
    """A ``TextGenerator`` over a loaded causal LM; one generation at a time (the lease)."""

    accepts_images = False

    def __init__(self, model_name: str, tokenizer: Any, model: Any, device: str) -> None:
        self.model = model_name
        self.device = device
        self._tokenizer = tokenizer
        self._model: Any = model
        self.memory_bytes = sum(p.numel() * p.element_size() for p in model.parameters())
        self.context_tokens: int | None = getattr(model.config, "max_position_embeddings", None)

    def generate(self, prompt: Prompt) -> str:
        """The model's continuation of the prompt: greedy at temperature 0, else sampled."""
        import torch

        if self._model is None:
            raise ModelFailed(f"the local model {self.model!r} was closed")
        inputs = self._tokenizer(
            prompt_text(self._tokenizer, prompt), return_tensors="pt", add_special_tokens=False
        ).to(self.device)
        prompt_tokens = int(inputs["input_ids"].shape[1])
        max_new_tokens = self._room_tokens(prompt_tokens, prompt.max_tokens)
        with torch.inference_mode():
            output = self._model.generate(
                **inputs, generation_config=self._config(prompt, max_new_tokens)
            )
        text = str(self._tokenizer.decode(output[0][prompt_tokens:], skip_special_tokens=True))
        if not text.strip():
            raise ModelFailed(f"the local model {self.model!r} generated no text")
        return text

    def close(self) -> None:
        """Drop the model and, on a GPU, hand its cached memory back."""
        self._model = None
        gc.collect()
        if self.device == "cuda":
            import torch

            torch.cuda.empty_cache()

    def _config(self, prompt: Prompt, max_new_tokens: int) -> Any:
        from transformers import GenerationConfig

        pad_id = self._tokenizer.pad_token_id
        eos_id = self._tokenizer.eos_token_id
        sampled = prompt.temperature > 0
        return GenerationConfig(  # type: ignore[no-untyped-call]  # untyped __init__(**kwargs)
            max_new_tokens=max_new_tokens,
            do_sample=sampled,
            **({"temperature": prompt.temperature} if sampled else {}),
            pad_token_id=pad_id if pad_id is not None else eos_id,
            eos_token_id=eos_id,
        )

    def _room_tokens(self, prompt_tokens: int, max_tokens: int) -> int:
        """``max_tokens``, cut to what the context leaves after the prompt; ModelFailed when
        the prompt alone fills it."""
        if self.context_tokens is None:
            return max_tokens
        room_tokens = self.context_tokens - prompt_tokens
        if room_tokens <= 0:
            raise ModelFailed(
                f"the local model {self.model!r}: the prompt of {prompt_tokens} tokens does "
                f"not fit its context of {self.context_tokens} tokens"
            )
        return min(max_tokens, room_tokens)
