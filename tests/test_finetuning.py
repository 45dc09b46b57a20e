"""nlpcourse.finetuning: the cache, the domain data, LoRA and the training loop against direct
computations, and two data-parallel processes (torchrun, gloo, CPU) against one.

All tests share one pre-trained model, built once into a temporary ``NLPCOURSE_CACHE`` (so the
user's cache is never read or written); they run on one xdist worker for that reason.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
import torch
import torch.nn.functional as F

from nlpcourse import finetuning

pytestmark = pytest.mark.xdist_group("finetuning")

REPO = Path(__file__).resolve().parents[1]
TOLERANCE = 1e-5  # largest absolute difference allowed between 2 processes and 1 (losses and LoRA weights)


@pytest.fixture(scope="module")
def cache(tmp_path_factory):
    """A temporary NLPCOURSE_CACHE holding the pre-trained character GPT, built once per test run.

    The folder sits in the run's shared temporary root and is built under a file lock, so that
    xdist workers that get tests of this file share one pre-training (with pytest 9.2 and
    pytest-xdist 3.8 the ``xdist_group`` mark does not keep this file on one worker)."""
    from filelock import FileLock

    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent                     # the folder every worker of this run shares
    folder = root / "finetuning-nlpcourse-cache"
    threads = torch.get_num_threads()
    torch.set_num_threads(1)                   # the tiny model runs faster on one thread when cores are shared
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("NLPCOURSE_CACHE", str(folder))
        with FileLock(str(folder) + ".lock"):
            started = time.perf_counter()
            vocabulary, model = finetuning.pretrained_char_gpt(progress=False)
            seconds = time.perf_counter() - started
        yield {"folder": folder, "vocabulary": vocabulary, "model": model, "build_seconds": seconds}
    torch.set_num_threads(threads)


@pytest.fixture
def fresh(cache):
    """A fresh copy of the pre-trained model (from the cache) and its vocabulary."""
    vocabulary, model = finetuning.pretrained_char_gpt(progress=False)
    return vocabulary, model


def _lora_weights(model) -> dict:
    return {name: p.detach().clone() for name, p in model.named_parameters() if p.requires_grad}


# --------------------------------------------------------------------------- the pretrained model

def test_pretrained_model_is_cached_and_reloaded_identically(cache):
    folder = finetuning.cache_folder()
    assert folder.parent == cache["folder"] and (folder / "model.pt").exists()
    assert not list(cache["folder"].glob(folder.name + ".*")), "the temporary folder of the atomic write was left"
    started = time.perf_counter()
    vocabulary, model = finetuning.pretrained_char_gpt(progress=False)
    seconds = time.perf_counter() - started
    print(f"first call in this process {cache['build_seconds']:.1f} s (pre-training, unless another worker "
          f"built the cache), cached call {seconds:.2f} s")
    assert seconds < 5.0                      # about 0.2 s on an idle machine, against ~15 s of pre-training
    assert vocabulary.tokens == cache["vocabulary"].tokens
    reference = cache["model"].state_dict()
    assert all(torch.equal(tensor, reference[name]) for name, tensor in model.state_dict().items())
    assert not model.training and model is not cache["model"]
    with torch.no_grad():                     # a fresh copy: changing it leaves the next load alone
        model.transformer.wte.weight.zero_()
    _, again = finetuning.pretrained_char_gpt(progress=False)
    assert torch.equal(again.transformer.wte.weight, reference["transformer.wte.weight"])


def test_pretrained_model_predicts_news_text_better_than_uniform(cache):
    from nlpcourse import causal_lm

    vocabulary, model = cache["vocabulary"], cache["model"]
    windows = causal_lm.char_windows(vocabulary.encode(causal_lm.lee_text("test")), 64)[:200]
    loss = finetuning.heldout_loss(model, windows)
    assert loss < 0.6 * torch.log(torch.tensor(float(len(vocabulary)))).item()    # far below log(V)


def test_vocabulary_covers_the_movie_reviews(cache):
    vocabulary = cache["vocabulary"]
    for split in ("train", "test"):
        assert (finetuning.domain_windows(vocabulary, split=split) != vocabulary.unk_id).all()
    assert vocabulary.tokens[0] == "<unk>" and len(set(vocabulary.tokens)) == len(vocabulary)


# --------------------------------------------------------------------------- the new domain

def test_domain_windows_match_a_direct_encoding_and_the_splits_are_disjoint(cache):
    from nlpcourse.data import movie_reviews

    vocabulary = cache["vocabulary"]
    sentences = [text.lower() for text in movie_reviews().texts]
    train = finetuning.domain_windows(vocabulary, length=32, split="train")
    test = finetuning.domain_windows(vocabulary, length=32, split="test")
    splits = {"train": [s for i, s in enumerate(sentences) if i % 5 != 4],
              "test": [s for i, s in enumerate(sentences) if i % 5 == 4]}
    assert (len(splits["train"]), len(splits["test"])) == (160, 40)
    for windows, kept in ((train, splits["train"]), (test, splits["test"])):
        assert windows.dtype == torch.int64 and windows.dim() == 2 and windows.shape[1] == 32
        ids = torch.tensor(vocabulary.encode("".join(s + "\n" for s in kept)))
        n = len(ids) // 32
        assert torch.equal(windows, ids[:n * 32].view(n, 32))
    test_text = vocabulary.decode(test.reshape(-1).tolist())
    assert not any(s in test_text for s in splits["train"] if len(s) > 30)
    assert not {tuple(row) for row in train.tolist()} & {tuple(row) for row in test.tolist()}
    assert finetuning.domain_windows(vocabulary, limit=7).shape == (7, 64)
    with pytest.raises(ValueError):
        finetuning.domain_windows(vocabulary, split="valid")


# --------------------------------------------------------------------------- LoRA

def test_lora_adds_seeded_low_rank_updates_to_conv1d(fresh):
    _, model = fresh
    windows = finetuning.domain_windows(fresh[0], limit=4)
    with torch.no_grad():
        before = model(input_ids=windows).logits
    torch.manual_seed(5)
    expected_draw = torch.rand(1)
    torch.manual_seed(5)
    wrapped = finetuning.add_peft_lora(model, rank=4, alpha=8)
    assert torch.equal(torch.rand(1), expected_draw)                      # the global random state is untouched
    trainable = _lora_weights(wrapped)
    assert trainable and all("lora_" in name and "c_attn" in name for name in trainable)
    assert sum(p.numel() for p in trainable.values()) == 2 * (4 * 96 + 288 * 4)   # 2 layers x (A: 4x96, B: 288x4)
    with torch.no_grad():
        assert torch.allclose(wrapped(input_ids=windows).logits, before, atol=1e-6)   # B = 0 at the start
    _, other = finetuning.pretrained_char_gpt(progress=False)
    again = _lora_weights(finetuning.add_peft_lora(other))                     # the same seed, the same adapters
    assert list(again) == list(trainable) and all(torch.equal(again[name], trainable[name]) for name in trainable)

    layer = wrapped.base_model.model.transformer.h[0].attn.c_attn               # peft's LoRA layer around Conv1D
    generator = torch.Generator().manual_seed(0)
    with torch.no_grad():
        layer.lora_B["default"].weight.copy_(torch.randn(288, 4, generator=generator))
        x = torch.randn(3, 5, 96, generator=generator)
        base = layer.base_layer
        a, b = layer.lora_A["default"].weight, layer.lora_B["default"].weight     # (4, 96), (288, 4)
        by_hand = x @ base.weight + base.bias + (8 / 4) * (x @ a.T) @ b.T          # Conv1D's weight is (in, out)
        assert torch.allclose(layer(x), by_hand, atol=1e-5)


# --------------------------------------------------------------------------- the training loop

def test_finetune_lowers_the_held_out_domain_loss_and_trains_only_lora(fresh):
    vocabulary, model = fresh
    model = finetuning.add_peft_lora(model)
    frozen = {name: p.detach().clone() for name, p in model.named_parameters() if not p.requires_grad}
    train = finetuning.domain_windows(vocabulary, split="train")
    test = finetuning.domain_windows(vocabulary, split="test")
    before = finetuning.heldout_loss(model, test)
    calls = []
    losses = finetuning.finetune(model, train, steps=30, batch_size=32, every=10, progress=False,
                                 callback=lambda step, _model, loss: calls.append((step, _model.training)))
    after = finetuning.heldout_loss(model, test)
    print(f"held-out movie-review loss {before:.4f} -> {after:.4f} after 30 LoRA steps")
    assert len(losses) == 30 and all(isinstance(x, float) for x in losses)
    assert [step for step, _ in calls] == [10, 20, 30] and all(training for _, training in calls)
    assert not model.training
    assert after < before - 0.01
    assert all(torch.equal(p, frozen[name]) for name, p in model.named_parameters() if not p.requires_grad)


def test_gradient_accumulation_gives_the_same_updates(cache):
    vocabulary = cache["vocabulary"]
    train = finetuning.domain_windows(vocabulary, split="train")
    results = []
    for accumulation_steps in (1, 2, 4):          # 1 batch of 32, 2 micro-batches of 16, 4 of 8
        _, model = finetuning.pretrained_char_gpt(progress=False)
        model = finetuning.add_peft_lora(model)
        losses = finetuning.finetune(model, train, steps=3, batch_size=32, accumulation_steps=accumulation_steps,
                                     progress=False)
        results.append((losses, _lora_weights(model)))
    (losses, weights), others = results[0], results[1:]
    for other_losses, other_weights in others:
        assert max(abs(a - b) for a, b in zip(losses, other_losses)) < 1e-6
        assert all(torch.allclose(weights[name], other_weights[name], atol=1e-6, rtol=0) for name in weights)
    assert any(not torch.equal(w, torch.zeros_like(w)) for name, w in weights.items() if "lora_B" in name)


def test_loss_is_the_global_batch_mean(fresh):
    """The first returned loss is the mean loss of the first drawn batch, before any update."""
    vocabulary, model = fresh
    model = finetuning.add_peft_lora(model)
    train = finetuning.domain_windows(vocabulary, split="train")
    rows = torch.randint(len(train), (16,), generator=torch.Generator().manual_seed(3))
    with torch.no_grad():
        logits = model(input_ids=train[rows]).logits                                 # (16, 64, V)
    expected = F.cross_entropy(logits[:, :-1].reshape(-1, logits.shape[-1]), train[rows][:, 1:].reshape(-1))
    losses = finetuning.finetune(model, train, steps=1, batch_size=16, accumulation_steps=4, seed=3, progress=False)
    assert losses[0] == pytest.approx(expected.item(), abs=1e-5)


def test_indivisible_batches_are_refused(fresh, monkeypatch):
    vocabulary, model = fresh
    model = finetuning.add_peft_lora(model)
    train = finetuning.domain_windows(vocabulary, limit=8)
    with pytest.raises(ValueError, match="divisible"):
        finetuning.finetune(model, train, steps=1, batch_size=30, accumulation_steps=4, progress=False)
    monkeypatch.setattr(finetuning, "_world", lambda: (True, 2, 0))       # as if torchrun had started 2 processes
    with pytest.raises(ValueError, match="processes"):
        finetuning.finetune(model, train, steps=1, batch_size=15, progress=False)
    with pytest.raises(ValueError):
        finetuning.launch_command(3, steps=10, out="r.pt")                   # 32 rows do not split into 3


def test_nothing_trainable_is_refused(fresh):
    vocabulary, model = fresh
    model.requires_grad_(False)
    with pytest.raises(ValueError, match="requires gradients"):
        finetuning.finetune(model, finetuning.domain_windows(vocabulary, limit=8), steps=1, progress=False)


# --------------------------------------------------------------------------- evaluation and samples

def test_heldout_loss_is_the_token_mean_cross_entropy(cache):
    vocabulary, model = cache["vocabulary"], cache["model"]
    windows = finetuning.domain_windows(vocabulary, split="test", limit=11)
    with torch.no_grad():
        logits = model(input_ids=windows).logits
    expected = F.cross_entropy(logits[:, :-1].reshape(-1, logits.shape[-1]), windows[:, 1:].reshape(-1)).item()
    assert finetuning.heldout_loss(model, windows, batch_size=4) == pytest.approx(expected, abs=1e-5)
    model.train()
    finetuning.heldout_loss(model, windows)
    assert model.training                                                 # the mode is restored
    model.eval()


def test_sample_is_seeded_and_greedy_at_temperature_zero(cache):
    vocabulary, model = cache["vocabulary"], cache["model"]
    first = finetuning.sample(model, vocabulary, "the film ", 20, 0.8, seed=1)
    assert first == finetuning.sample(model, vocabulary, "the film ", 20, 0.8, seed=1)
    assert first.startswith("the film ") and len(first) == len("the film ") + 20
    assert first != finetuning.sample(model, vocabulary, "the film ", 20, 0.8, seed=2)
    ids = vocabulary.encode("the film ")
    with torch.no_grad():
        for _ in range(5):
            ids.append(int(model(input_ids=torch.tensor([ids])).logits[0, -1].argmax()))
    assert finetuning.sample(model, vocabulary, "the film ", 5, 0.0, seed=0) == vocabulary.decode(ids)
    prompt = "the film " * 14                                           # 126 characters: the context outgrows
    assert len(finetuning.sample(model, vocabulary, prompt, 5, 1.0, seed=0)) == 131   # the 128 positions


# --------------------------------------------------------------------------- the script, 1 and 2 processes

def test_launch_command_names_torchrun_and_the_arguments():
    line = finetuning.launch_command(8, steps=200, out="lora run.pt")
    assert line.startswith("torchrun --standalone --nproc_per_node 8 -m nlpcourse.finetuning ")
    assert "--steps 200" in line and "--batch-size 32" in line and line.endswith("--out 'lora run.pt'")
    other = finetuning.launch_command(4, steps=200, out="r.pt", launcher="accelerate")
    assert other.startswith("accelerate launch --multi_gpu --num_processes 4 -m nlpcourse.finetuning --steps 200")
    with pytest.raises(ValueError):
        finetuning.launch_command(2, steps=1, out="r.pt", launcher="deepspeed")


def test_two_torchrun_processes_match_one_process(cache, tmp_path):
    arguments = ["--steps", "8", "--batch-size", "16", "--rank", "4", "--seed", "1"]
    single = finetuning.main([*arguments, "--out", str(tmp_path / "single.pt")])
    assert single is not None and (tmp_path / "single.pt").exists()

    env = dict(os.environ, OMP_NUM_THREADS="1", NLPCOURSE_CACHE=str(cache["folder"]), HF_HUB_OFFLINE="1",
               TOKENIZERS_PARALLELISM="false", PYTHONPATH=str(REPO))
    started = time.perf_counter()
    run = subprocess.run([sys.executable, "-m", "torch.distributed.run", "--standalone", "--nproc_per_node", "2",
                          "-m", "nlpcourse.finetuning", *arguments, "--out", str(tmp_path / "two.pt")],
                         cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
    seconds = time.perf_counter() - started
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    two = torch.load(tmp_path / "two.pt", weights_only=False)
    assert two["world_size"] == 2 and single["world_size"] == 1

    loss_gap = max(abs(a - b) for a, b in zip(single["losses"], two["losses"]))
    weight_gap = max((single["lora_state"][name] - two["lora_state"][name]).abs().max().item()
                     for name in single["lora_state"])
    print(f"torchrun with 2 processes: {seconds:.1f} s; largest gaps to 1 process: losses {loss_gap:.2e}, "
          f"LoRA weights {weight_gap:.2e}, held-out loss {abs(single['heldout_loss'] - two['heldout_loss']):.2e}")
    assert len(two["losses"]) == len(single["losses"]) == 8
    assert set(two["lora_state"]) == set(single["lora_state"])
    assert loss_gap < TOLERANCE and weight_gap < TOLERANCE
    assert abs(single["heldout_loss"] - two["heldout_loss"]) < TOLERANCE
    assert single["losses"][-1] < single["losses"][0] or single["heldout_loss"] < 3.0
