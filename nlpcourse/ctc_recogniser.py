"""A small character-level CTC speech recogniser for spoken digit strings (week 9, day 4).

What it does:

- :data:`SYMBOLS`: the output symbols, the CTC blank ``"_"`` at index 0, then the space and the 26
  lower-case letters; :func:`encode` / :func:`decode_labels` map text to label ids and back;
- :func:`features`: a simple log-mel front end at 8 kHz (25 ms windows, 10 ms hop, 40 mel bands,
  each band normalised over the utterance): ``(n_mels, frames)`` float32;
- :class:`CTCRecogniser`: two 1-D convolutions with stride 2 (so one output frame per 40 ms), a
  bidirectional GRU and a linear layer to the symbols; it returns ``(frames', batch, symbols)``
  log-probabilities, the layout ``torch.nn.CTCLoss`` wants, and the output lengths;
- :func:`collate`: feature matrices and transcripts batched with padding and lengths;
- :func:`training_set`, :func:`test_set`: digit strings joined from FSDD clips of the training
  speakers (plus espeak-ng voices resampled to 8 kHz) and of a held-out speaker;
- :func:`train_ctc_recogniser`: Adam with a one-cycle learning rate on ``torch.nn.CTCLoss``, with a
  fixed seed on one thread;
- :func:`pretrained_ctc_recogniser`: that training run by :data:`RECIPES` (small or full), done once and cached
  (``pretrained.recipe_cache_folder``);
- :func:`posteriors` and :func:`greedy_transcripts`: frame posteriors and best-path transcripts.

What it does not: implement the CTC loss, the greedy decoder or the beam search the notebook asks
students to write (it uses ``torch.nn.CTCLoss`` and a plain argmax for its own training report),
use a language model, or download anything.
"""

from __future__ import annotations

import functools
import json
import time
from pathlib import Path

import numpy as np
import torch
from torch import nn

from nlpcourse import environment, pretrained, spoken_digits

SAMPLE_RATE = spoken_digits.SAMPLE_RATE  # 8,000 Hz: FSDD's rate; espeak-ng audio is resampled to it
SYMBOLS = "_ abcdefghijklmnopqrstuvwxyz"  # index 0 is the CTC blank
BLANK = 0
N_FFT, HOP, N_MELS = 200, 80, 40  # 25 ms windows, 10 ms hop at 8 kHz
HELD_OUT_SPEAKER = "nicolas"
ESPEAK_VOICES = ("en-us", "en-gb-x-rp", "en-us+f3", "en-029+m3")
CACHE_VERSION = 2  # 2: a one-cycle learning-rate schedule
RECIPES = {
    # small: on a laptop CPU in about 40 s (one thread); full: a larger model on five times more strings,
    # for a GPU (NLPCOURSE_SIZE=full or a GPU picks it), minutes there and an hour or more on a CPU.
    "small": {"fsdd_strings": 600, "espeak_strings": 60, "lengths": [1, 5], "steps": 800, "batch_size": 16,
              "channels": 96, "hidden": 96, "learning_rate": 6e-3, "masked_bands": 8, "warp": 0.15, "seed": 0,
              "held_out": HELD_OUT_SPEAKER},
    "full": {"fsdd_strings": 3000, "espeak_strings": 300, "lengths": [1, 5], "steps": 6000, "batch_size": 32,
             "channels": 192, "hidden": 192, "learning_rate": 3e-3, "masked_bands": 8, "warp": 0.15, "seed": 0,
             "held_out": HELD_OUT_SPEAKER},
}
RECIPE = RECIPES["small"]
_INDEX = {symbol: position for position, symbol in enumerate(SYMBOLS)}


def encode(text: str) -> list[int]:
    """Label ids of ``text`` (lower-cased); the blank symbol and unknown characters raise ValueError."""
    labels = []
    for character in text.lower():
        if character not in _INDEX or character == SYMBOLS[BLANK]:
            raise ValueError(f"{character!r} is not an output symbol")
        labels.append(_INDEX[character])
    return labels


def decode_labels(labels) -> str:
    """The text of a sequence of label ids (blanks, if any, are skipped)."""
    return "".join(SYMBOLS[int(label)] for label in labels if int(label) != BLANK)


@functools.lru_cache(maxsize=1)
def _mel_basis() -> np.ndarray:
    """(N_MELS, N_FFT // 2 + 1) float64 mel filterbank, built once per process."""
    import librosa

    basis = librosa.filters.mel(sr=SAMPLE_RATE, n_fft=N_FFT, n_mels=N_MELS, fmin=0.0, fmax=SAMPLE_RATE / 2)
    return basis.astype(np.float64)


def features(audio) -> np.ndarray:
    """(N_MELS, frames) float32 log-mel of 8 kHz audio, each band shifted and scaled to mean 0, std 1.

    frames = 1 + len(audio) // HOP (the signal is padded by N_FFT // 2 at both ends)."""
    signal = np.asarray(audio, dtype=np.float64).reshape(-1)
    padded = np.pad(signal, N_FFT // 2, mode="constant")
    n_frames = 1 + len(signal) // HOP
    index = np.arange(N_FFT)[None, :] + HOP * np.arange(n_frames)[:, None]          # (frames, N_FFT)
    window = np.hanning(N_FFT + 1)[:-1]
    spectrum = np.abs(np.fft.rfft(padded[index] * window, axis=1)) ** 2            # (frames, N_FFT // 2 + 1)
    log_mel = np.log(spectrum @ _mel_basis().T + 1e-6).T                               # (N_MELS, frames)
    log_mel = (log_mel - log_mel.mean(axis=1, keepdims=True)) / (log_mel.std(axis=1, keepdims=True) + 1e-5)
    return log_mel.astype(np.float32)


def output_lengths(lengths):
    """Frames after the two stride-2 convolutions (kernel 5, padding 2): ceil(L / 2), twice."""
    lengths = torch.as_tensor(lengths, dtype=torch.int64)
    for _ in range(2):
        lengths = torch.div(lengths - 1, 2, rounding_mode="floor") + 1
    return lengths


class CTCRecogniser(nn.Module):
    """log-mel (batch, N_MELS, frames) -> log-probabilities (frames', batch, len(SYMBOLS)), frames' = ceil(frames / 4)."""

    def __init__(self, channels: int = 96, hidden: int = 96):
        super().__init__()
        self.convolutions = nn.Sequential(
            nn.Conv1d(N_MELS, channels, kernel_size=5, stride=2, padding=2), nn.ReLU(),
            nn.Conv1d(channels, channels, kernel_size=5, stride=2, padding=2), nn.ReLU())
        self.gru = nn.GRU(channels, hidden, batch_first=True, bidirectional=True)
        self.output = nn.Linear(2 * hidden, len(SYMBOLS))

    def forward(self, log_mels, lengths):
        hidden = self.convolutions(log_mels).transpose(1, 2)                       # (batch, frames', channels)
        frames = output_lengths(lengths)
        packed = nn.utils.rnn.pack_padded_sequence(hidden, frames.cpu(), batch_first=True, enforce_sorted=False)
        recurrent, _ = self.gru(packed)
        recurrent, _ = nn.utils.rnn.pad_packed_sequence(recurrent, batch_first=True, total_length=hidden.shape[1])
        logits = self.output(recurrent)                                             # (batch, frames', symbols)
        return logits.log_softmax(dim=-1).transpose(0, 1), frames                  # (frames', batch, symbols)


def collate(feature_list, transcripts=None):
    """Batch ``(N_MELS, frames)`` arrays: (padded (batch, N_MELS, max frames) float32, lengths int64)
    and, with ``transcripts``, (targets (batch, max characters) int64 padded with 0, target lengths)."""
    lengths = torch.tensor([item.shape[1] for item in feature_list], dtype=torch.int64)
    batch = torch.zeros(len(feature_list), N_MELS, int(lengths.max()) if len(feature_list) else 0)
    for row, item in enumerate(feature_list):
        batch[row, :, :item.shape[1]] = torch.as_tensor(item)
    if transcripts is None:
        return batch, lengths
    encoded = [encode(text) for text in transcripts]
    target_lengths = torch.tensor([len(labels) for labels in encoded], dtype=torch.int64)
    targets = torch.zeros(len(encoded), max([len(labels) for labels in encoded] + [1]), dtype=torch.int64)
    for row, labels in enumerate(encoded):
        targets[row, :len(labels)] = torch.tensor(labels, dtype=torch.int64)
    return batch, lengths, targets, target_lengths


def _espeak_strings(count: int, lengths, seed: int):
    """(8 kHz audio, transcript) pairs: ``count`` random digit strings in each of :data:`ESPEAK_VOICES`."""
    import librosa

    from nlpcourse import speech

    if count == 0 or not speech.available():
        return []
    rng = np.random.default_rng(seed + 1)
    texts = [" ".join(spoken_digits.DIGIT_WORDS[d] for d in rng.integers(0, 10, size=int(rng.integers(lengths[0], lengths[1] + 1))))
             for _ in range(count)]
    pairs = []
    for utterance in speech.utterance_set(texts, voices=ESPEAK_VOICES, speeds=(165,)):   # one worker process
        audio = librosa.resample(utterance.audio, orig_sr=utterance.sample_rate, target_sr=SAMPLE_RATE)
        pairs.append((audio.astype(np.float32), utterance.text))
    return pairs


def training_set(recipe: dict = RECIPE):
    """(features list, transcripts list): FSDD strings of the training speakers, then the espeak-ng strings."""
    split = spoken_digits.speaker_split(held_out=(recipe["held_out"],))
    strings = spoken_digits.digit_strings(split["train"], recipe["fsdd_strings"], lengths=tuple(recipe["lengths"]),
                                          seed=recipe["seed"])
    pairs = [(string.audio, string.transcript) for string in strings]
    pairs += _espeak_strings(recipe["espeak_strings"], recipe["lengths"], recipe["seed"])
    return [features(audio) for audio, _ in pairs], [text for _, text in pairs]


def test_set(count: int = 100, speaker: str = HELD_OUT_SPEAKER, lengths=(2, 5), seed: int = 1):
    """``count`` digit strings (``spoken_digits.DigitString``) said by the held-out ``speaker``."""
    pool = spoken_digits.clips(speakers=[speaker])
    return spoken_digits.digit_strings(pool, count, lengths=lengths, seed=seed)


def train_ctc_recogniser(recipe: dict = RECIPE, data=None, progress: bool = True, on_step=None, device: str = "cpu"):
    """Train a :class:`CTCRecogniser` by ``recipe``; returns (model in eval mode on the CPU, per-step losses, seconds).

    ``data``: (features list, transcripts list), by default :func:`training_set` (recipe); ``on_step(step, model)``
    is called after every step (for live curves). On the CPU it runs on one thread with fixed seeds
    (reproducible); ``device="cuda"`` trains on a GPU."""
    feature_list, transcripts = data if data is not None else training_set(recipe)
    torch.manual_seed(recipe["seed"])
    model = CTCRecogniser(recipe["channels"], recipe["hidden"]).to(device)
    optimiser = torch.optim.Adam(model.parameters(), lr=recipe["learning_rate"])
    # Warm up to the peak rate over the first 15% of the steps, then anneal: faster than a constant rate.
    schedule = torch.optim.lr_scheduler.OneCycleLR(optimiser, max_lr=recipe["learning_rate"],
                                                   total_steps=max(recipe["steps"], 1), pct_start=0.15)
    loss_function = nn.CTCLoss(blank=BLANK, zero_infinity=True)
    generator = np.random.default_rng(recipe["seed"])
    steps = range(recipe["steps"])
    if progress:
        from tqdm.auto import tqdm

        steps = tqdm(steps, desc="training the CTC recogniser", leave=False)
    losses = []
    started = time.perf_counter()
    with environment.one_thread():
        model.train()
        for step in steps:
            rows = generator.choice(len(feature_list), size=recipe["batch_size"], replace=False)
            batch, lengths, targets, target_lengths = collate([feature_list[i] for i in rows],
                                                              [transcripts[i] for i in rows])
            batch = _mask_bands(_warp_bands(batch, generator, recipe["warp"]), generator, recipe["masked_bands"])
            log_probs, frames = model(batch.to(device), lengths.to(device))
            targets, target_lengths = targets.to(device), target_lengths.to(device)
            loss = loss_function(log_probs, targets, frames, target_lengths)
            optimiser.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(model.parameters(), max_norm=5.0)
            optimiser.step()
            schedule.step()
            losses.append(loss.item())
            if on_step is not None:
                on_step(step, model)
                model.train()
    return model.cpu().eval(), losses, time.perf_counter() - started


def _warp_bands(batch, generator, amount: float):
    """Vocal-tract-length-style warping: read band b of each example at b * factor, factor in 1 +- amount."""
    if amount <= 0:
        return batch
    warped = torch.empty_like(batch)
    for row in range(batch.shape[0]):
        factor = float(generator.uniform(1.0 - amount, 1.0 + amount))
        position = (torch.arange(N_MELS, dtype=torch.float32) * factor).clamp(max=N_MELS - 1)
        low = position.floor().long()
        high = (low + 1).clamp(max=N_MELS - 1)
        weight = (position - low)[:, None]                                          # (N_MELS, 1)
        warped[row] = batch[row, low] * (1 - weight) + batch[row, high] * weight
    return warped


def _mask_bands(batch, generator, width: int):
    """SpecAugment-style frequency masking: zero a random run of up to ``width`` mel bands per example."""
    if width <= 0:
        return batch
    batch = batch.clone()
    for row in range(batch.shape[0]):
        size = int(generator.integers(0, width + 1))
        start = int(generator.integers(0, N_MELS - size + 1))
        batch[row, start:start + size] = 0.0
    return batch


def cache_folder(recipe: dict = RECIPE) -> Path:
    return pretrained.recipe_cache_folder("ctc_recogniser", {"recipe": recipe, "symbols": SYMBOLS,
                                                             "front_end": [N_FFT, HOP, N_MELS],
                                                             "voices": ESPEAK_VOICES, "version": CACHE_VERSION})


def pretrained_ctc_recogniser(size: str = "small", progress: bool = True, data=None) -> CTCRecogniser:
    """The recogniser trained by ``RECIPES[size]``, in eval mode on the CPU; the first call trains it
    (small: about 40 s on one CPU thread; full: on the GPU when there is one) and caches it, later calls
    load it. It carries ``training_losses`` and ``training_seconds``. ``data``: ``training_set(RECIPES[size])``
    if the caller has it already (saves computing it again)."""
    if size not in RECIPES:
        raise ValueError(f"size must be one of {sorted(RECIPES)}, not {size!r}")
    recipe = RECIPES[size]
    folder = cache_folder(recipe)
    model = CTCRecogniser(recipe["channels"], recipe["hidden"])
    if (folder / "model.pt").exists() and (folder / "training.json").exists():
        model.load_state_dict(torch.load(folder / "model.pt", map_location="cpu", weights_only=True))
        record = json.loads((folder / "training.json").read_text(encoding="utf-8"))
    else:
        device = "cuda" if size == "full" and torch.cuda.is_available() else "cpu"
        trained, losses, seconds = train_ctc_recogniser(recipe, data=data, progress=progress, device=device)
        model = trained
        record = {"recipe": recipe, "losses": losses, "seconds": seconds}

        def write(staging: Path) -> None:
            torch.save(trained.state_dict(), staging / "model.pt")
            (staging / "training.json").write_text(json.dumps(record), encoding="utf-8")

        pretrained.write_cache_atomically(folder, write)
    model.training_losses = list(record["losses"])
    model.training_seconds = float(record["seconds"])
    return model.eval()


def posteriors(model: CTCRecogniser, audios) -> list[np.ndarray]:
    """Per-utterance (frames', len(SYMBOLS)) float64 log-probabilities for a list of 8 kHz waveforms."""
    feature_list = [features(audio) for audio in audios]
    if not feature_list:
        return []
    batch, lengths = collate(feature_list)
    device_of_model = next(model.parameters()).device
    with torch.no_grad():
        log_probs, frames = model(batch.to(device_of_model), lengths.to(device_of_model))  # (frames', batch, symbols)
    return [log_probs[:int(n), row].double().cpu().numpy() for row, n in enumerate(frames)]


def greedy_transcripts(log_prob_list) -> list[str]:
    """Best-path transcripts (argmax per frame, merge runs, drop blanks) of (frames', symbols) arrays."""
    texts = []
    for log_probs in log_prob_list:
        best = np.asarray(log_probs).argmax(axis=1)
        keep = [int(label) for position, label in enumerate(best)
                if label != BLANK and (position == 0 or label != best[position - 1])]
        texts.append(" ".join(decode_labels(keep).split()))
    return texts
