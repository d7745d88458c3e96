"""The local transformers backend loads a real (tiny, randomly initialised) causal LM from a
directory written here, through the registry, and generates with it on the CPU."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from fovea.errors import ModelFailed
from fovea.inference.backends.base import Prompt
from fovea.inference.backends.transformers_local import prompt_text
from fovea.inference.registry import ModelManager, load_model_config
from tests.inference.provider_servers import write_model_config

WORDS = ["system", "user", "assistant", "the", "a", "truck", "cyclist", "turns", "waits"]
WORDS += ["near", "miss", "road", "frame", "video", "json"]
SPECIAL = ["[PAD]", "[UNK]", "</s>"]
CHAT_TEMPLATE = (
    "{% for m in messages %}{{ m['role'] }} {{ m['content'] }} {% endfor %}"
    "{% if add_generation_prompt %}assistant{% endif %}"
)
NO_SYSTEM_TEMPLATE = (
    "{% for m in messages %}{% if m['role'] == 'system' %}"
    "{{ raise_exception('System role not supported') }}{% endif %}"
    "{{ m['content'] }} {% endfor %}"
)
CONTEXT_TOKENS = 64
PROMPT = Prompt(
    system="the video", user="a truck turns near the cyclist", max_tokens=6, temperature=0
)


def _tokenizer(chat_template: str | None) -> Any:
    """A word-level tokenizer over ``WORDS`` with pad, unknown and end-of-sequence tokens."""
    from tokenizers import Tokenizer, models, pre_tokenizers
    from transformers import PreTrainedTokenizerFast

    vocab = {token: index for index, token in enumerate(SPECIAL + WORDS)}
    words = Tokenizer(models.WordLevel(vocab, unk_token="[UNK]"))
    words.pre_tokenizer = pre_tokenizers.WhitespaceSplit()
    tokenizer = PreTrainedTokenizerFast(
        tokenizer_object=words, unk_token="[UNK]", pad_token="[PAD]", eos_token="</s>"
    )
    tokenizer.chat_template = chat_template
    return tokenizer


@pytest.fixture(scope="module")
def model_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A one-layer GPT-2 with random (seeded) weights and a chat template, saved to disk."""
    import torch
    from transformers import GPT2Config, GPT2LMHeadModel

    torch.manual_seed(0)
    config = GPT2Config(
        n_layer=1,
        n_head=2,
        n_embd=32,
        n_positions=CONTEXT_TOKENS,
        vocab_size=len(SPECIAL) + len(WORDS),
        bos_token_id=2,
        eos_token_id=2,
        pad_token_id=0,
    )
    directory = tmp_path_factory.mktemp("tiny-lm")
    GPT2LMHeadModel(config).save_pretrained(directory)
    _tokenizer(CHAT_TEMPLATE).save_pretrained(directory)
    return directory


def _manager(tmp_path: Path, **params: Any) -> ModelManager:
    options = {"local": {"backend": "transformers", **params}}
    path = write_model_config(tmp_path, "augmentation", "local", options)
    return ModelManager(load_model_config(path), "cpu", 4 * 1024**3)


def _token_count(text: str) -> int:
    return len(_tokenizer(None)(text, add_special_tokens=False)["input_ids"])


def test_two_leases_load_once_and_greedy_generation_is_deterministic(
    model_dir: Path, tmp_path: Path
) -> None:
    manager = _manager(tmp_path, path=str(model_dir))
    with manager.lease("augmentation", "local") as generator:
        first = generator.generate(PROMPT)
    with manager.lease("augmentation", "local") as generator:
        again = generator.generate(PROMPT)
        longer = generator.generate(Prompt(system="", user="the road", max_tokens=12))
    assert manager.load_count("augmentation", "local") == 1
    assert isinstance(first, str) and first.strip()
    assert first == again
    assert 0 < _token_count(first) <= 6
    assert _token_count(first) < _token_count(longer) <= 12
    assert "truck turns near" not in first  # only the new tokens come back


def test_the_model_reports_its_parameter_bytes_and_reads_text_only(
    model_dir: Path, tmp_path: Path
) -> None:
    manager = _manager(tmp_path, path=str(model_dir), dtype="bfloat16", model="tiny-gpt2")
    with manager.lease("augmentation", "local") as generator:
        assert generator.model == "tiny-gpt2"
        assert generator.accepts_images is False
        with_images = Prompt(system="", user="a truck", images_jpeg=[b"jpeg"], max_tokens=3)
        assert isinstance(generator.generate(with_images), str)
    ((_, _, memory_bytes),) = manager.loaded_models()
    parameters = sum(p.numel() for p in generator._model.parameters())
    assert memory_bytes == 2 * parameters  # bfloat16: two bytes a parameter


def test_sampling_at_a_temperature_runs(model_dir: Path, tmp_path: Path) -> None:
    import torch

    torch.manual_seed(1)  # sampling from random weights may stop at once; keep it repeatable
    manager = _manager(tmp_path, path=str(model_dir))
    with manager.lease("augmentation", "local") as generator:
        sampled = generator.generate(Prompt(system="", user="a", max_tokens=4, temperature=0.9))
    assert isinstance(sampled, str)
    assert _token_count(sampled) <= 4


def test_max_tokens_is_cut_to_the_context_and_a_prompt_over_it_fails(
    model_dir: Path, tmp_path: Path
) -> None:
    manager = _manager(tmp_path, path=str(model_dir))
    with manager.lease("augmentation", "local") as generator:
        text = generator.generate(Prompt(system="", user="the road", max_tokens=500))
        assert _token_count(text) <= CONTEXT_TOKENS
        with pytest.raises(ModelFailed, match="does not fit its context of 64 tokens"):
            generator.generate(Prompt(system="", user="road " * 80, max_tokens=1))


def test_a_closed_model_is_unloaded(model_dir: Path, tmp_path: Path) -> None:
    manager = _manager(tmp_path, path=str(model_dir))
    with manager.lease("augmentation", "local") as generator:
        pass
    assert manager.unload("augmentation", "local")
    with pytest.raises(ModelFailed, match="was closed"):
        generator.generate(PROMPT)


@pytest.mark.parametrize(
    ("params", "reason"),
    [
        ({}, "set path to a local model directory (written by save_pretrained)"),
        ({"path": "nowhere/tiny-lm"}, "no model directory at nowhere/tiny-lm"),
    ],
)
def test_a_missing_directory_makes_the_option_unavailable(
    tmp_path: Path, params: dict[str, str], reason: str
) -> None:
    manager = _manager(tmp_path, **params)
    assert manager.unavailable_reason(manager.option("augmentation", "local")) == reason
    with pytest.raises(ModelFailed, match=re.escape(f"unavailable: {reason}")):
        manager.load("augmentation", "local")


def test_an_unknown_dtype_fails_to_load(model_dir: Path, tmp_path: Path) -> None:
    manager = _manager(tmp_path, path=str(model_dir), dtype="int3")
    with pytest.raises(ModelFailed, match="dtype must be one of auto, float16"):
        manager.load("augmentation", "local")


@pytest.mark.parametrize(
    ("template", "expected"),
    [
        (None, "the video\n\na truck turns near the cyclist"),
        (CHAT_TEMPLATE, "system the video user a truck turns near the cyclist assistant"),
        (NO_SYSTEM_TEMPLATE, "the video\n\na truck turns near the cyclist "),
    ],
    ids=["no-template", "chat-template", "template-without-system-role"],
)
def test_the_prompt_text_follows_the_tokenizers_chat_template(
    template: str | None, expected: str
) -> None:
    assert prompt_text(_tokenizer(template), PROMPT) == expected
