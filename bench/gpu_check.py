"""The model service's GPU paths on a CUDA machine: device report, local LM, embeddings, ONNX.

Run where torch sees a GPU (``python bench/gpu_check.py``); it builds tiny random models in a
temporary folder (no download), runs each through the ``ModelManager`` on ``cuda`` and on the
CPU, and prints a JSON report: the device, load and run times, GPU memory, and whether the CUDA
and CPU embeddings agree. It exits 1 when a check fails. CI has no GPU: this is run by hand.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

from fovea.inference.backends.base import Prompt
from fovea.inference.device import device_info, resolve_device
from fovea.inference.registry import ModelConfig, ModelManager, ModelOption

GiB = 1024**3


def _tiny_lm(folder: Path) -> Path:
    from tokenizers import Tokenizer, models, pre_tokenizers
    from transformers import GPT2Config, GPT2LMHeadModel, PreTrainedTokenizerFast

    words = ["<pad>", "<eos>", "<unk>", *[f"w{n}" for n in range(200)], "the", "car", "road"]
    vocab = {word: index for index, word in enumerate(words)}
    core = Tokenizer(models.WordLevel(vocab, unk_token="<unk>"))
    core.pre_tokenizer = pre_tokenizers.Whitespace()
    tokenizer = PreTrainedTokenizerFast(
        tokenizer_object=core, pad_token="<pad>", eos_token="<eos>", unk_token="<unk>"
    )
    config = GPT2Config(vocab_size=len(vocab), n_layer=2, n_head=2, n_embd=64, n_positions=256)
    GPT2LMHeadModel(config).save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return folder


def _tiny_encoder(folder: Path) -> Path:
    from sentence_transformers import SentenceTransformer, models
    from tokenizers import Tokenizer, pre_tokenizers
    from tokenizers import models as token_models
    from transformers import BertConfig, BertModel, PreTrainedTokenizerFast

    words = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "a", "red", "car", "truck", "dog", "road"]
    core = Tokenizer(token_models.WordLevel({w: i for i, w in enumerate(words)}, "[UNK]"))
    core.pre_tokenizer = pre_tokenizers.Whitespace()
    tokenizer = PreTrainedTokenizerFast(
        tokenizer_object=core, pad_token="[PAD]", unk_token="[UNK]", cls_token="[CLS]"
    )
    bert = folder / "bert"
    config = BertConfig(
        vocab_size=len(words),
        hidden_size=32,
        num_hidden_layers=1,
        num_attention_heads=2,
        intermediate_size=64,
    )
    BertModel(config).save_pretrained(bert)
    tokenizer.save_pretrained(bert)
    word = models.Transformer(str(bert))
    encoder = SentenceTransformer(modules=[word, models.Pooling(32), models.Normalize()])
    encoder.save(str(folder / "encoder"))
    return folder / "encoder"


def _manager(device: str, options: list[ModelOption]) -> ModelManager:
    by_task: dict[str, dict[str, ModelOption]] = {}
    for option in options:
        by_task.setdefault(option.task, {})[option.name] = option
    selected = {task: next(iter(names)) for task, names in by_task.items()}
    return ModelManager(ModelConfig("gpu-check", by_task, selected), device, 8 * GiB)


def _timed(function: Any) -> tuple[Any, float]:
    started = time.perf_counter()
    value = function()
    return value, round(time.perf_counter() - started, 4)


def _lm_check(manager: ModelManager) -> dict[str, Any]:
    import torch

    prompt = Prompt(
        system="You describe videos.", user="the car road", max_tokens=16, temperature=0
    )

    def generate() -> str:
        with manager.lease("summarization", "local") as model:
            return str(model.generate(prompt))

    first, load_and_run_s = _timed(generate)
    second, run_s = _timed(generate)
    return {
        "load_and_generate_s": load_and_run_s,
        "generate_s": run_s,
        "deterministic": first == second,
        "gpu_memory_allocated_bytes": int(torch.cuda.memory_allocated()),
        "load_count": manager.load_count("summarization", "local"),
    }


def _embed(manager: ModelManager, texts: list[str]) -> np.ndarray[Any, Any]:
    with manager.lease("embedding", "tiny") as model:
        return np.asarray(model.embed(texts))


def main() -> int:
    device = resolve_device("auto")
    report: dict[str, Any] = {"resolved_device": device, "device_info": device_info(device)}
    if device != "cuda":
        print(json.dumps(report, indent=2))
        print("no CUDA device: nothing to check", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        lm = _tiny_lm(root / "lm")
        encoder = _tiny_encoder(root / "st")
        options = [
            ModelOption("summarization", "local", "transformers", {"path": str(lm)}),
            ModelOption("embedding", "tiny", "sentence-transformers", {"path": str(encoder)}),
        ]
        gpu, cpu = _manager("cuda", options), _manager("cpu", options)
        report["transformers_local"] = _lm_check(gpu)
        texts = ["a red car", "a truck on the road", "a dog"]
        on_gpu, gpu_s = _timed(lambda: _embed(gpu, texts))
        on_cpu, _ = _timed(lambda: _embed(cpu, texts))
        report["embeddings"] = {
            "load_and_embed_s": gpu_s,
            "max_abs_difference_cuda_vs_cpu": float(np.max(np.abs(on_gpu - on_cpu))),
            "unit_length": bool(np.allclose(np.linalg.norm(on_gpu, axis=1), 1, atol=1e-3)),
        }
        gpu.unload("summarization", "local")
        report["after_unload_loaded"] = gpu.loaded_models()
    print(json.dumps(report, indent=2))
    ok = (
        report["transformers_local"]["deterministic"]
        and report["transformers_local"]["load_count"] == 1
        and report["embeddings"]["unit_length"]
        and report["embeddings"]["max_abs_difference_cuda_vs_cpu"] < 1e-2
        and report["device_info"]["gpu"] is not None
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
