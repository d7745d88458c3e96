"""The model registry: the YAML config is checked at start, and the cache keeps its budget.

Eviction is observed with two real sentence-transformers models that the test builds (tiny,
randomly initialised BERT encoders), so their sizes are their real parameter bytes.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
import yaml

from fovea.errors import ConfigurationError
from fovea.inference.registry import (
    DEFAULT_CONFIG,
    ModelConfig,
    ModelManager,
    ModelOption,
    load_model_config,
)


def _write(tmp_path: Path, raw: Any) -> Path:
    path = tmp_path / "models.yaml"
    path.write_text(raw if isinstance(raw, str) else yaml.safe_dump(raw))
    return path


def _default() -> dict[str, Any]:
    raw: dict[str, Any] = yaml.safe_load(DEFAULT_CONFIG.read_text())
    return raw


def test_the_shipped_config_selects_an_offline_option_for_every_task() -> None:
    config = load_model_config()
    assert config.selected == {
        "detection": "motion",
        "tracking": "bytetrack",
        "single_object_tracking": "csrt",
        "embedding": "minilm",
        "transcription": "whisper-tiny-en",
        "summarization": "storyboard",
        "augmentation": "catalogue",
    }


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda raw: raw["slots"].pop("embedding"), "missing slots: embedding"),
        (lambda raw: raw["slots"].update(dreams={"selected": "a", "options": {"a": {}}}), "dreams"),
        (
            lambda raw: raw["slots"]["detection"].update(selected="yolo"),
            "detection.selected is 'yolo'",
        ),
        (
            lambda raw: raw["slots"]["detection"]["options"].update(x={"backend": "magic"}),
            "detection.x has backend 'magic'",
        ),
        (
            lambda raw: raw["slots"]["detection"]["options"].update(
                x={"backend": "faster-whisper"}
            ),
            "cannot serve the detection slot",
        ),
        (lambda raw: raw["slots"]["detection"].pop("selected"), "slots.detection.selected"),
    ],
)
def test_a_wrong_config_is_refused_saying_where(tmp_path: Path, change: Any, expected: str) -> None:
    raw = _default()
    change(raw)
    with pytest.raises(ConfigurationError) as refused:
        load_model_config(_write(tmp_path, raw))
    assert expected in refused.value.message
    assert "models.yaml" in refused.value.message


def test_a_file_that_is_not_yaml_or_not_there_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ConfigurationError, match="not valid YAML"):
        load_model_config(_write(tmp_path, "slots: [unclosed"))
    with pytest.raises(ConfigurationError, match="cannot read"):
        load_model_config(tmp_path / "absent.yaml")


def _tiny_encoder(folder: Path, hidden: int) -> Path:
    from sentence_transformers import SentenceTransformer
    from sentence_transformers.sentence_transformer.modules import Normalize, Pooling, Transformer
    from tokenizers import Tokenizer, pre_tokenizers
    from tokenizers.models import WordLevel
    from transformers import BertConfig, BertModel, PreTrainedTokenizerFast

    words = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "a", "red", "car"]
    core = Tokenizer(WordLevel({word: n for n, word in enumerate(words)}, "[UNK]"))
    core.pre_tokenizer = pre_tokenizers.Whitespace()
    tokenizer = PreTrainedTokenizerFast(
        tokenizer_object=core, pad_token="[PAD]", unk_token="[UNK]", cls_token="[CLS]"
    )
    bert_dir = folder / "bert"
    config = BertConfig(
        vocab_size=len(words),
        hidden_size=hidden,
        num_hidden_layers=1,
        num_attention_heads=2,
        intermediate_size=2 * hidden,
    )
    BertModel(config).save_pretrained(bert_dir)
    tokenizer.save_pretrained(bert_dir)
    modules = [Transformer(str(bert_dir)), Pooling(hidden), Normalize()]
    SentenceTransformer(modules=modules).save(str(folder / "encoder"))
    return folder / "encoder"


@pytest.fixture(scope="module")
def two_encoders(tmp_path_factory: pytest.TempPathFactory) -> ModelConfig:
    root = tmp_path_factory.mktemp("encoders")
    options = {
        name: ModelOption(
            "embedding",
            name,
            "sentence-transformers",
            {"path": str(_tiny_encoder(root / name, hidden))},
        )
        for name, hidden in (("small", 16), ("large", 64))
    }
    return ModelConfig("test", {"embedding": options}, {"embedding": "small"})


def test_the_least_recently_used_model_is_evicted_past_the_budget(
    two_encoders: ModelConfig,
) -> None:
    probe = ModelManager(two_encoders, "cpu", 10**12)
    probe.load("embedding", "small")
    probe.load("embedding", "large")
    sizes = {option: size for _, option, size in probe.loaded_models()}
    assert 0 < sizes["small"] < sizes["large"]

    manager = ModelManager(two_encoders, "cpu", sizes["large"] + sizes["small"] // 2)
    manager.load("embedding", "small")
    manager.load("embedding", "large")
    assert [option for _, option, _ in manager.loaded_models()] == ["large"]
    with manager.lease("embedding", "small") as small:
        assert small.embed(["a red car"]).shape == (1, 16)
    assert [option for _, option, _ in manager.loaded_models()] == ["small"]
    assert manager.load_count("embedding", "small") == 2


def test_a_borrowed_model_is_never_evicted(two_encoders: ModelConfig) -> None:
    manager = ModelManager(two_encoders, "cpu", 1)
    with manager.lease("embedding", "small"):
        manager.load("embedding", "large")  # over budget, but "small" is in use
        loaded = {option for _, option, _ in manager.loaded_models()}
        assert loaded == {"small", "large"}


def test_concurrent_first_uses_load_once_and_runs_take_turns(two_encoders: ModelConfig) -> None:
    manager = ModelManager(two_encoders, "cpu", 10**12)
    inside, overlaps = [0], [0]
    lock = threading.Lock()

    def use() -> None:
        with manager.lease("embedding", "large") as model:
            with lock:
                inside[0] += 1
                overlaps[0] = max(overlaps[0], inside[0])
            model.embed(["a red car"] * 8)
            with lock:
                inside[0] -= 1

    threads = [threading.Thread(target=use) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert manager.load_count("embedding", "large") == 1
    assert overlaps[0] == 1  # the model's lock let one request run at a time
