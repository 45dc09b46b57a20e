"""Fine-tuning a small pretrained causal LM on a new domain with LoRA, one process or several (week 6, day 4).

- :func:`pretrained_char_gpt`: the week-5 tiny character-level GPT-2 (``causal_lm.tiny_gpt2``),
  pre-trained on the Lee news training text with ``causal_lm.train_causal_lm`` from a fixed seed.
  The first call trains it (about 25 s on a busy 2-core CPU) and saves the weights and the vocabulary
  under ``$NLPCOURSE_CACHE`` (default ``~/.cache/nlpcourse``), written to a temporary folder and
  renamed so that two processes never see half a cache; later calls load it in well under a
  second and return a fresh copy each time (fine-tuning one copy leaves the others as they were).
  ``online=True`` gives the real ``gpt2`` (its BPE tokenizer and ``GPT2LMHeadModel``) from the hub.
- :func:`domain_windows`: the movie-review sentences, lower-cased, encoded and cut into windows of
  ids: the new domain. Every fifth sentence is held out (``split="test"``), so the two splits
  share no sentence.
- :func:`add_peft_lora`: the model wrapped by ``peft`` with LoRA adapters on GPT-2's attention
  projection (``Conv1D``, hence ``fan_in_fan_out=True``), only the adapters trainable.
- :func:`finetune`: the lab's training loop. It runs unchanged under ``torchrun`` (data-parallel):
  every process draws the same global batch from the seed, works on its own equal share of the
  rows, and the gradients are averaged across processes with an all-reduce before the optimiser
  step, so W processes make the same updates as one (within float rounding). Gradient
  accumulation splits each process's share into micro-batches.
- :func:`heldout_loss`, :func:`sample`: the mean next-token loss on windows, and a seeded sample,
  for the before/after comparison.
- :func:`main` (``python -m nlpcourse.finetuning``) and :func:`launch_command`: the script, single
  process or under ``torchrun --nproc_per_node W`` (or ``accelerate launch --multi_gpu
  --num_processes W``, which starts the same processes), and the command line that launches it.

What it does not do: mixed precision, FSDP/ZeRO sharding of parameters or optimiser state, or
multi-node launches (the notebook explains them; the loop only averages gradients, which is what
DDP does); padding (every window has the same length); download anything unless ``online=True``.
Equality between W processes and one needs dropout off, which is how the tiny model and the LoRA
adapters are built here (the real ``gpt2`` has dropout 0.1: its runs agree in distribution only).
``batch_size`` is always the global batch of one optimiser step, whatever W and the number of
micro-batches, so the same arguments give the same training everywhere.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import logging
import os
import shlex
import sys
import warnings
from pathlib import Path

GPT2_HUB_NAME = "openai-community/gpt2"  # the hub's current name of "gpt2"

# The pre-training recipe of the tiny character GPT; changing any value changes the cache folder.
PRETRAINING = {"n_embd": 96, "n_layer": 2, "n_head": 4, "n_positions": 128, "window": 64, "steps": 300,
               "batch_size": 32, "learning_rate": 8e-3, "seed": 0}
TEST_EVERY = 5  # sentence i of the movie reviews is a test sentence when i % 5 == 4


# --------------------------------------------------------------------------- the pretrained model

def cache_folder() -> Path:
    """Where the pre-trained character GPT is kept: ``$NLPCOURSE_CACHE`` (or ``~/.cache/nlpcourse``)
    / ``char-gpt-lee-<hash of the recipe>``."""
    from nlpcourse import pretrained

    recipe = json.dumps(PRETRAINING, sort_keys=True).encode()
    return pretrained.cache_root() / f"char-gpt-lee-{hashlib.sha256(recipe).hexdigest()[:10]}"


def _review_sentences() -> list[str]:
    from nlpcourse.data import movie_reviews

    return [text.lower() for text in movie_reviews().texts]


def char_vocabulary():
    """The character vocabulary of the pre-trained model: every character of the Lee training text
    and of the movie-review sentences (most frequent first), so that the new domain has no ``<unk>``."""
    from nlpcourse import causal_lm

    return causal_lm.CharVocabulary.from_text(causal_lm.lee_text("train") + "\n" + "\n".join(_review_sentences()))


def _char_model(vocab_size: int):
    from nlpcourse import causal_lm

    return causal_lm.tiny_gpt2(vocab_size, n_positions=PRETRAINING["n_positions"], n_embd=PRETRAINING["n_embd"],
                               n_layer=PRETRAINING["n_layer"], n_head=PRETRAINING["n_head"], dropout=0.0,
                               seed=PRETRAINING["seed"])


def _pretrain(progress: bool):
    """Train the tiny GPT on the Lee training windows, on one thread (the caller's thread count is
    restored afterwards); returns (vocabulary, model in eval mode)."""
    from nlpcourse import causal_lm, environment

    vocabulary = char_vocabulary()
    text = causal_lm.lee_text("train")
    windows = causal_lm.char_windows(vocabulary.encode(text), PRETRAINING["window"])         # (n, 64)
    model = _char_model(len(vocabulary))
    with environment.one_thread():
        causal_lm.train_causal_lm(model, windows, PRETRAINING["steps"], batch_size=PRETRAINING["batch_size"],
                                  learning_rate=PRETRAINING["learning_rate"], seed=PRETRAINING["seed"],
                                  progress=progress, description="pre-training the character GPT")
    return vocabulary, model.eval()


def _save_atomically(vocabulary, model, folder: Path) -> None:
    """Write the state dict and the vocabulary to ``folder`` with ``pretrained.write_cache_atomically``."""
    import torch

    from nlpcourse import pretrained

    def write(staging: Path) -> None:
        torch.save(model.state_dict(), staging / "model.pt")
        (staging / "vocabulary.json").write_text(json.dumps({"tokens": vocabulary.tokens, "recipe": PRETRAINING}),
                                                 encoding="utf-8")

    pretrained.write_cache_atomically(folder, write)


def _load(folder: Path):
    import torch

    from nlpcourse import causal_lm

    tokens = json.loads((folder / "vocabulary.json").read_text(encoding="utf-8"))["tokens"]
    vocabulary = causal_lm.CharVocabulary(tokens[1:])                 # id 0 is <unk>, added by the class
    model = _char_model(len(vocabulary))
    model.load_state_dict(torch.load(folder / "model.pt", map_location="cpu", weights_only=True))
    return vocabulary, model.eval()


def pretrained_char_gpt(online: bool = False, progress: bool = True):
    """(vocabulary, model): a tiny character-level ``GPT2LMHeadModel`` (2 layers, width 96, 4 heads,
    128 positions, 242k parameters) pre-trained for 300 AdamW steps (batches of 32, peak learning rate
    8e-3, ``causal_lm.train_causal_lm``) on windows of 64 characters of the Lee news training text,
    in eval mode on the CPU. The vocabulary (a ``causal_lm.CharVocabulary``)
    covers the Lee text and the movie reviews.

    The first call trains it and caches it on disk (see :func:`cache_folder`); later calls load a
    fresh copy from the cache. ``progress`` shows the pre-training bar.

    ``online=True``: (tokenizer, model) of the real GPT-2 small (124M parameters, a 50,257-token
    byte-level BPE), downloaded from the hub; the tokenizer's ``encode``/``decode`` play the part of
    the vocabulary's in :func:`domain_windows` and :func:`sample`.
    """
    if online:
        from transformers import AutoTokenizer, GPT2LMHeadModel

        tokenizer = AutoTokenizer.from_pretrained(GPT2_HUB_NAME)
        model = GPT2LMHeadModel.from_pretrained(GPT2_HUB_NAME)
        model.loss_type = "ForCausalLM"
        return tokenizer, model.eval()
    folder = cache_folder()
    if (folder / "model.pt").exists() and (folder / "vocabulary.json").exists():
        try:
            return _load(folder)
        except (OSError, RuntimeError, ValueError, KeyError):  # a damaged cache: train again
            pass
    vocabulary, model = _pretrain(progress)
    _save_atomically(vocabulary, model, folder)
    return vocabulary, model


# --------------------------------------------------------------------------- the new domain

def domain_windows(vocabulary, length: int = 64, split: str = "train", limit: int | None = None):
    """int64 tensor (n, ``length``): the movie-review sentences of ``split``, lower-cased, each
    followed by a newline, encoded with ``vocabulary.encode`` and cut into consecutive windows
    (no overlap; a short tail is dropped). Sentence i is in ``"test"`` when i % 5 == 4 (40 of the
    200), else in ``"train"`` (160): no sentence is in both. ``limit`` keeps the first ``limit``
    windows. ``vocabulary`` may be a ``CharVocabulary`` or a ``transformers`` tokenizer."""
    import torch

    from nlpcourse import causal_lm

    if split not in ("train", "test"):
        raise ValueError(f"split must be 'train' or 'test', not {split!r}")
    sentences = [sentence for i, sentence in enumerate(_review_sentences())
                 if (i % TEST_EVERY == TEST_EVERY - 1) == (split == "test")]
    ids: list[int] = []
    for sentence in sentences:  # one sentence at a time: a subword tokenizer warns about long texts
        ids.extend(vocabulary.encode(sentence + "\n"))
    windows = causal_lm.char_windows(torch.tensor(ids, dtype=torch.long), length)
    return windows if limit is None else windows[:limit]


# --------------------------------------------------------------------------- LoRA

def _peft():
    """peft's LoraConfig and get_peft_model, imported without the warning bitsandbytes logs to stderr
    on CPUs where its optional 4-bit kernels package is missing (a graded cell must not write there)."""
    bitsandbytes_logger = logging.getLogger("bitsandbytes")
    level = bitsandbytes_logger.level
    bitsandbytes_logger.setLevel(logging.ERROR)
    try:
        from peft import LoraConfig, get_peft_model
    finally:
        bitsandbytes_logger.setLevel(level)
    return LoraConfig, get_peft_model


def add_peft_lora(model, rank: int = 4, alpha: float = 8, target_modules=("c_attn",), seed: int = 0):
    """``peft.get_peft_model(model, LoraConfig(...))``: LoRA adapters of rank ``rank`` and scale
    ``alpha / rank`` beside every module named in ``target_modules`` (GPT-2's ``Conv1D`` layers store
    their weight as (in, out), hence ``fan_in_fan_out=True``), no dropout, every other parameter
    frozen. The adapters' A matrices are drawn from ``seed`` (B starts at zero, so the wrapped model
    computes what the original did); the global random state is left as it was. ``model`` itself is
    modified (peft injects the adapters into it)."""
    import torch

    LoraConfig, get_peft_model = _peft()
    config = LoraConfig(r=rank, lora_alpha=alpha, target_modules=list(target_modules), lora_dropout=0.0,
                        fan_in_fan_out=True, bias="none", task_type="CAUSAL_LM")
    with torch.random.fork_rng(devices=[]), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        torch.manual_seed(seed)
        wrapped = get_peft_model(model, config)
    return wrapped


# --------------------------------------------------------------------------- the training loop

def _world():
    """(distributed?, world size, rank) of ``torch.distributed``, (False, 1, 0) when not initialised."""
    import torch.distributed as dist

    if dist.is_available() and dist.is_initialized():
        return True, dist.get_world_size(), dist.get_rank()
    return False, 1, 0


def finetune(model, windows, steps: int, batch_size: int = 32, learning_rate: float = 3e-3, seed: int = 0,
             accumulation_steps: int = 1, progress: bool = True, callback=None, every: int = 0) -> list:
    """Train the parameters of ``model`` that require gradients for ``steps`` AdamW steps (constant
    learning rate, weight decay 0.01, gradient norm clipped to 1) on the rows of ``windows`` (int64
    (n, L)) with the library's next-token loss. Returns one float per step: the mean loss of that
    step's global batch. The model ends in eval mode.

    Step s draws ``batch_size`` row indices (with replacement) from a generator seeded with ``seed``,
    the same draw in every process. With ``torch.distributed`` initialised (world size W, e.g. under
    ``torchrun``), process r keeps rows ``r * B/W`` to ``(r + 1) * B/W`` of that global batch; it
    splits them into ``accumulation_steps`` equal micro-batches, backpropagates each micro-batch's
    mean loss divided by ``accumulation_steps``, then the gradients are summed across processes and
    divided by W (one all-reduce), so every process holds the gradient of the global batch's mean
    loss before clipping and stepping. Rank 0's parameters are broadcast first, as DDP does.
    ``batch_size`` must be divisible by W * ``accumulation_steps`` (ValueError otherwise).

    ``callback(step, model, loss)`` runs every ``every`` steps and after the last (in every process);
    the model goes back to train mode after it. The progress bar shows on rank 0 only.
    """
    import torch
    import torch.distributed as dist
    from tqdm.auto import tqdm

    distributed, world, rank = _world()
    if accumulation_steps < 1:
        raise ValueError(f"accumulation_steps must be at least 1, not {accumulation_steps}")
    if batch_size % (world * accumulation_steps) != 0:
        raise ValueError(f"batch_size {batch_size} must be divisible by the number of processes ({world}) times "
                         f"accumulation_steps ({accumulation_steps}), so that every micro-batch has the same size")
    if len(windows) == 0:
        raise ValueError("windows is empty: there is nothing to train on")
    parameters = [p for p in model.parameters() if p.requires_grad]
    if not parameters:
        raise ValueError("no parameter of the model requires gradients: nothing would be trained")
    device = parameters[0].device
    share = batch_size // world                      # rows of the global batch this process works on
    micro = share // accumulation_steps              # rows per forward/backward pass

    if distributed:
        with torch.no_grad():
            for tensor in [*model.parameters(), *model.buffers()]:
                dist.broadcast(tensor.data, src=0)

    generator = torch.Generator().manual_seed(seed)
    adamw = torch.optim.AdamW(parameters, lr=learning_rate, weight_decay=0.01)
    losses: list[float] = []
    model.train()
    for step in tqdm(range(steps), desc="fine-tuning steps", disable=not progress or rank != 0, leave=False):
        rows = torch.randint(len(windows), (batch_size,), generator=generator)      # (B,), same on every process
        mine = rows[rank * share:(rank + 1) * share]                                 # (B/W,)
        adamw.zero_grad(set_to_none=False)
        step_loss = torch.zeros((), device=device)
        for k in range(accumulation_steps):
            batch = windows[mine[k * micro:(k + 1) * micro]].to(device)              # (micro, L)
            loss = model(input_ids=batch, labels=batch).loss / accumulation_steps
            loss.backward()
            step_loss += loss.detach()
        if distributed:
            grads = [p.grad if p.grad is not None else torch.zeros_like(p) for p in parameters]
            flat = torch.cat([g.reshape(-1) for g in grads])                         # one message, not one per tensor
            dist.all_reduce(flat, op=dist.ReduceOp.SUM)
            flat /= world
            offset = 0
            for p in parameters:
                averaged = flat[offset:offset + p.numel()].view_as(p)
                if p.grad is None:
                    p.grad = averaged.clone()
                else:
                    p.grad.copy_(averaged)
                offset += p.numel()
            dist.all_reduce(step_loss, op=dist.ReduceOp.SUM)
            step_loss /= world
        torch.nn.utils.clip_grad_norm_(parameters, 1.0)
        adamw.step()
        losses.append(float(step_loss))
        if callback is not None and every and ((step + 1) % every == 0 or step + 1 == steps):
            callback(step + 1, model, losses[-1])
            model.train()
    model.eval()
    return losses


def heldout_loss(model, windows, batch_size: int = 128) -> float:
    """Mean next-token cross-entropy (nats) over every prediction of every window of ``windows``
    (int64 (n, L): the n * (L - 1) next ids given the ids before them), without gradients. The
    model's train/eval mode is restored afterwards."""
    import torch

    if len(windows) == 0:
        raise ValueError("windows is empty: there is no loss to measure")
    parameters = next(model.parameters())
    was_training = model.training
    model.eval()
    total, count = 0.0, 0
    with torch.no_grad():
        for start in range(0, len(windows), batch_size):
            batch = windows[start:start + batch_size].to(parameters.device)          # (b, L)
            predictions = batch.shape[0] * (batch.shape[1] - 1)
            total += float(model(input_ids=batch, labels=batch).loss) * predictions
            count += predictions
    model.train(was_training)
    return total / count


def sample(model, vocabulary, prompt: str, length: int, temperature: float, seed: int) -> str:
    """``prompt`` followed by ``length`` ids drawn one at a time from the model's next-id
    distribution at ``temperature`` (0 means the most likely id), from a generator seeded with
    ``seed``, decoded with ``vocabulary.decode`` (a character the vocabulary lacks reads ``?``). The
    context is cut to the model's last ``n_positions`` ids. The same arguments give the same text."""
    import torch

    ids = list(vocabulary.encode(prompt))
    if not ids:
        raise ValueError("the prompt must hold at least one character to condition on")
    if length < 0:
        raise ValueError(f"length must be >= 0, not {length}")
    limit = model.config.n_positions
    first_parameter = next(model.parameters())             # where the model lives
    generator = torch.Generator().manual_seed(seed)
    was_training = model.training
    model.eval()
    new: list[int] = []
    with torch.no_grad():
        for _ in range(length):
            context = torch.tensor([(ids + new)[-limit:]], dtype=torch.long, device=first_parameter.device)     # (1, <= limit)
            logits = model(input_ids=context).logits[0, -1].float().cpu()                       # (V,)
            if temperature <= 0:
                chosen = int(torch.argmax(logits))
            else:
                chosen = int(torch.multinomial(torch.softmax(logits / temperature, dim=-1), 1, generator=generator))
            new.append(chosen)
    model.train(was_training)
    return prompt + vocabulary.decode(new)


# --------------------------------------------------------------------------- the script

def launch_command(processes: int, steps: int, out: str, batch_size: int = 32, rank: int = 4,
                   launcher: str = "torchrun") -> str:
    """The command line that runs :func:`main` in ``processes`` data-parallel processes on one
    machine (one per GPU; gloo on the CPU without one): ``torchrun --standalone --nproc_per_node N
    -m nlpcourse.finetuning ...``, or with ``launcher="accelerate"`` the same run through
    ``accelerate launch --multi_gpu --num_processes N`` (which starts the processes with torchrun's
    machinery; both were checked with 2 CPU processes)."""
    if processes < 1:
        raise ValueError(f"processes must be at least 1, not {processes}")
    if batch_size % processes != 0:
        raise ValueError(f"batch_size {batch_size} must be divisible by the number of processes {processes}")
    launchers = {"torchrun": f"torchrun --standalone --nproc_per_node {processes}",
                 "accelerate": f"accelerate launch --multi_gpu --num_processes {processes}"}
    if launcher not in launchers:
        raise ValueError(f"launcher must be 'torchrun' or 'accelerate', not {launcher!r}")
    return (f"{launchers[launcher]} -m nlpcourse.finetuning "
            f"--steps {steps} --batch-size {batch_size} --rank {rank} --out {shlex.quote(str(out))}")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m nlpcourse.finetuning",
        description="LoRA fine-tuning of the pre-trained character GPT on the movie-review sentences; "
                    "data-parallel when launched by torchrun with several processes.")
    parser.add_argument("--steps", type=int, default=20, help="optimiser steps (default 20)")
    parser.add_argument("--batch-size", type=int, default=32, help="global batch of one step, all processes together")
    parser.add_argument("--accumulation-steps", type=int, default=1, help="micro-batches per process and step")
    parser.add_argument("--rank", type=int, default=4, help="LoRA rank")
    parser.add_argument("--alpha", type=float, default=8.0, help="LoRA alpha (scale alpha / rank)")
    parser.add_argument("--learning-rate", type=float, default=3e-3)
    parser.add_argument("--length", type=int, default=64, help="window length in ids")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--online", action="store_true", help="fine-tune the real gpt2 from the hub instead")
    parser.add_argument("--progress", action="store_true", help="show a progress bar on rank 0")
    parser.add_argument("--out", default="finetuning-result.pt", help="where rank 0 saves the result (torch.save)")
    return parser


def main(argv=None) -> dict | None:
    """Run the lab's fine-tuning as a script. Under ``torchrun`` (``WORLD_SIZE`` > 1) it joins the
    process group (``nccl`` on CUDA, one GPU per process, else ``gloo`` on the CPU); rank 0 builds the
    pre-training cache while the others wait at a barrier. Every process loads the model, wraps it with
    LoRA and runs :func:`finetune` on the training windows; rank 0 measures the held-out loss and saves
    ``{"losses", "lora_state", "heldout_loss", "world_size", "arguments"}`` to ``--out`` and returns it
    (the other ranks return None)."""
    import torch
    import torch.distributed as dist

    from nlpcourse.environment import silence_libraries

    silence_libraries()
    arguments = _parser().parse_args(argv)
    world = int(os.environ.get("WORLD_SIZE", "1"))
    distributed = world > 1
    cuda = torch.cuda.is_available()
    device = "cpu"
    if distributed:
        if cuda:
            local_rank = int(os.environ.get("LOCAL_RANK", "0"))
            torch.cuda.set_device(local_rank)
            device = f"cuda:{local_rank}"
        dist.init_process_group(backend="nccl" if cuda else "gloo")
    elif cuda:
        device = "cuda"
    rank = dist.get_rank() if distributed else 0
    try:
        if distributed and not arguments.online and rank == 0:
            pretrained_char_gpt(progress=False)          # build the cache once, before the others read it
        if distributed:
            dist.barrier()
        vocabulary, model = pretrained_char_gpt(online=arguments.online, progress=False)
        model = add_peft_lora(model.to(device), rank=arguments.rank, alpha=arguments.alpha, seed=arguments.seed)
        windows = domain_windows(vocabulary, length=arguments.length, split="train")
        losses = finetune(model, windows, arguments.steps, batch_size=arguments.batch_size,
                          learning_rate=arguments.learning_rate, seed=arguments.seed,
                          accumulation_steps=arguments.accumulation_steps, progress=arguments.progress)
        result = None
        if rank == 0:
            result = {"losses": losses,
                      "lora_state": {name: p.detach().cpu().clone() for name, p in model.named_parameters()
                                     if p.requires_grad},
                      "heldout_loss": heldout_loss(model, domain_windows(vocabulary, length=arguments.length,
                                                                         split="test")),
                      "world_size": world, "arguments": vars(arguments)}
            torch.save(result, arguments.out)
            print(f"{world} process(es), {arguments.steps} steps: training loss {losses[0]:.4f} -> {losses[-1]:.4f}, "
                  f"held-out loss {result['heldout_loss']:.4f}; saved to {arguments.out}")
        if distributed:
            dist.barrier()
        return result
    finally:
        if distributed:
            with contextlib.suppress(Exception):
                dist.destroy_process_group()


if __name__ == "__main__":
    main(sys.argv[1:])
