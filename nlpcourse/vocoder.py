"""A small neural vocoder for week 8: log-mel spectrogram in, waveform out, trained once and cached.

- :class:`Vocoder`: a frame-rate convolutional network in the style of Vocos / iSTFTNet. It maps a
  natural-log mel spectrogram ``(batch, n_mels, frames)`` to a linear STFT magnitude (a fixed
  pseudo-inverse of the mel filterbank plus a learned log-correction) and a phase per bin and
  frame, then turns that complex spectrogram into ``frames * MEL.hop_length`` samples with an
  inverse STFT. Everything runs at the frame rate (86 frames a second), which is why it trains on a
  CPU in seconds where a sample-rate model such as WaveNet would need hours.
- :func:`multi_resolution_stft_loss`: the training loss, spectral convergence plus log-magnitude L1
  at three STFT sizes (a phase that only fits one frame size is penalised by the others).
- :func:`pretrained_vocoder`: the model trained with a fixed seed on espeak-ng speech
  (``speech_features.tts_sentences``, the first :data:`HELD_OUT` sentences kept out for testing),
  cached under ``pretrained.cache_root() / "vocoder"``. ``"small"`` trains in about 40 s on 2 CPU
  cores the first time and loads in well under a second afterwards; ``"full"`` (a wider, deeper
  model, 6,000 steps) is meant for a GPU, where it trains when there is one (about an hour on 2 CPU cores).
- :func:`vocode`: one log-mel ``(n_mels, frames)`` to a float32 waveform at ``MEL.sample_rate``.

What it does not do: mu-law, Griffin-Lim or causal convolutions (the day-4 notebook builds those),
or adversarial training. A vocoder this small, trained this briefly, sounds rougher than a real
one; its phase is learned only from magnitude losses.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import numpy as np
import torch
from torch import nn

from nlpcourse import environment
from nlpcourse.speech_features import MEL

HELD_OUT = 8  # sentences 0..7 of tts_sentences(...) are never trained on

# Training recipes; changing a value changes the cache folder.
RECIPES = {
    "small": {"sentences": 80, "channels": 96, "dilations": [1, 2, 4, 1], "steps": 400, "batch_size": 8,
              "crop_frames": 32, "learning_rate": 1.5e-3, "seed": 0},
    "full": {"sentences": 400, "channels": 192, "dilations": [1, 2, 4, 8, 1, 2, 4, 1], "steps": 6000,
             "batch_size": 16, "crop_frames": 48, "learning_rate": 1e-3, "seed": 0},
}
CACHE_VERSION = 2  # bump when the training code changes in a way the recipe does not show
LOSS_RESOLUTIONS = ((512, 128), (1024, 256), (2048, 512))  # (n_fft, hop) pairs of the training loss
MAX_LOG_MAGNITUDE = 6.0  # exp(6) = 403: far above any magnitude of audio in [-1, 1], stops overflow early on


class _ResidualBlock(nn.Module):
    """x + pointwise(gelu(dilated conv(x))): a non-causal block (a vocoder sees the whole mel)."""

    def __init__(self, channels: int, dilation: int):
        super().__init__()
        self.dilated = nn.Conv1d(channels, channels, kernel_size=3, dilation=dilation, padding=dilation)
        self.pointwise = nn.Conv1d(channels, channels, kernel_size=1)

    def forward(self, hidden):                                               # (batch, channels, frames)
        return hidden + self.pointwise(nn.functional.gelu(self.dilated(hidden)))


def _mel_pseudo_inverse() -> torch.Tensor:
    """(n_fft // 2 + 1, n_mels): the least-squares way back from mel bands to linear bins."""
    from threadpoolctl import threadpool_limits

    from nlpcourse.speech_features import mel_basis

    with threadpool_limits(limits=1):  # the same bits whatever thread count the caller set
        return torch.from_numpy(np.linalg.pinv(mel_basis().astype(np.float64)).astype(np.float32))


class Vocoder(nn.Module):
    """log-mel ``(batch, n_mels, frames)`` -> waveform ``(batch, frames * MEL.hop_length)``.

    ``magnitude = exp(log(pinv(mel_basis) @ exp(log_mel)) + correction)``, ``phase`` predicted
    directly, both from the same stack of dilated residual convolutions over frames; the waveform is
    ``torch.istft`` of ``magnitude * exp(i * phase)`` with MEL's window, FFT size and hop."""

    def __init__(self, channels: int = 96, dilations=(1, 2, 4, 1)):
        super().__init__()
        self.n_bins = MEL.n_fft // 2 + 1
        self.input_layer = nn.Conv1d(MEL.n_mels, channels, kernel_size=5, padding=2)
        self.body = nn.Sequential(*[_ResidualBlock(channels, int(rate)) for rate in dilations])
        self.magnitude_head = nn.Conv1d(channels, self.n_bins, kernel_size=1)
        self.phase_head = nn.Conv1d(channels, self.n_bins, kernel_size=1)
        self.register_buffer("mel_inverse", _mel_pseudo_inverse(), persistent=False)
        self.register_buffer("window", torch.hann_window(MEL.win_length), persistent=False)

    def spectrogram(self, log_mel):
        """The complex STFT ``(batch, n_fft // 2 + 1, frames)`` the waveform is made from."""
        hidden = self.body(self.input_layer(log_mel))                     # (batch, channels, frames)
        linear = torch.einsum("fm,bmt->bft", self.mel_inverse, torch.exp(log_mel))
        rough_log_magnitude = torch.log(torch.clamp(linear, min=MEL.floor))      # (batch, bins, frames)
        log_magnitude = torch.clamp(rough_log_magnitude + self.magnitude_head(hidden), max=MAX_LOG_MAGNITUDE)
        return torch.polar(torch.exp(log_magnitude), self.phase_head(hidden))

    def forward(self, log_mel):
        log_mel = torch.as_tensor(log_mel, dtype=torch.float32)
        if log_mel.dim() != 3 or log_mel.shape[1] != MEL.n_mels:
            raise ValueError(f"expected a log-mel of shape (batch, {MEL.n_mels}, frames), got {tuple(log_mel.shape)}")
        n_frames = log_mel.shape[-1]
        return torch.istft(self.spectrogram(log_mel), n_fft=MEL.n_fft, hop_length=MEL.hop_length,
                           win_length=MEL.win_length, window=self.window, center=True,
                           length=n_frames * MEL.hop_length)                 # (batch, frames * hop)


def multi_resolution_stft_loss(prediction, target, resolutions=LOSS_RESOLUTIONS):
    """Mean over ``resolutions`` of spectral convergence ``||T - P||_F / ||T||_F`` plus the mean absolute
    difference of log magnitudes, for waveforms ``(batch, samples)``; a scalar tensor."""
    total = prediction.new_zeros(())
    for n_fft, hop in resolutions:
        window = torch.hann_window(n_fft, device=prediction.device)
        spectra = [torch.stft(wave, n_fft, hop_length=hop, window=window, return_complex=True).abs().clamp(min=MEL.floor)
                   for wave in (prediction, target)]
        predicted, wanted = spectra
        convergence = torch.linalg.vector_norm(wanted - predicted) / torch.linalg.vector_norm(wanted)
        total = total + convergence + torch.mean(torch.abs(torch.log(predicted) - torch.log(wanted)))
    return total / len(resolutions)


def _training_pairs(recipe: dict):
    """(log-mels, waveforms) of the training sentences (everything after the first HELD_OUT)."""
    from nlpcourse import speech, speech_features

    utterances = speech.utterance_set(speech_features.tts_sentences(recipe["sentences"]))[HELD_OUT:]
    return [speech_features.log_mel(u.audio) for u in utterances], [u.audio for u in utterances]


def _random_batch(mels, waves, recipe, generator: np.random.Generator):
    """``batch_size`` aligned crops: log-mel (batch, n_mels, crop) and waveform (batch, crop * hop)."""
    crop, hop = recipe["crop_frames"], MEL.hop_length
    long_enough = [i for i, m in enumerate(mels) if m.shape[1] > crop]
    mel_crops, wave_crops = [], []
    for index in generator.choice(long_enough, size=recipe["batch_size"]):
        start = int(generator.integers(0, mels[index].shape[1] - crop))
        mel_crops.append(mels[index][:, start:start + crop])
        piece = np.zeros(crop * hop, dtype=np.float32)
        source = waves[index][start * hop:(start + crop) * hop]             # frame f is centred on sample f * hop
        piece[:len(source)] = source
        wave_crops.append(piece)
    return torch.from_numpy(np.stack(mel_crops)), torch.from_numpy(np.stack(wave_crops))


def train_vocoder(recipe: dict, progress: bool = True, device: str | None = None):
    """Train a :class:`Vocoder` by ``recipe`` (see :data:`RECIPES`) with Adam on
    :func:`multi_resolution_stft_loss`; returns (model in eval mode on the CPU, per-step losses, seconds).
    ``device``: where to train; by default a GPU if there is one, else the CPU."""
    device = device or ("cuda" if torch.cuda.is_available() else "cpu")
    from threadpoolctl import threadpool_limits

    with threadpool_limits(limits=1):  # one BLAS thread: the same log-mels, to the bit, in any caller
        mels, waves = _training_pairs(recipe)
    torch.manual_seed(recipe["seed"])
    model = Vocoder(recipe["channels"], recipe["dilations"]).to(device)
    optimiser = torch.optim.Adam(model.parameters(), lr=recipe["learning_rate"])
    generator = np.random.default_rng(recipe["seed"])
    steps = range(recipe["steps"])
    if progress:
        from tqdm.auto import tqdm

        steps = tqdm(steps, desc="training the vocoder", leave=False)
    started = time.perf_counter()
    with environment.one_thread():
        losses = _optimise(model, optimiser, steps, mels, waves, recipe, generator)
    return model.cpu().eval(), losses, time.perf_counter() - started


def _optimise(model, optimiser, steps, mels, waves, recipe, generator) -> list[float]:
    """The training loop: one Adam step on a random batch per step; returns the losses."""
    losses = []
    on = model.window.device  # where the model's buffers (and so its weights) live
    model.train()
    for _ in steps:
        log_mel, wave = (tensor.to(on) for tensor in _random_batch(mels, waves, recipe, generator))
        loss = multi_resolution_stft_loss(model(log_mel), wave)
        optimiser.zero_grad()
        loss.backward()
        nn.utils.clip_grad_norm_(model.parameters(), max_norm=1.0)
        optimiser.step()
        losses.append(loss.item())
    return losses


def cache_folder(size: str = "small") -> Path:
    """``cache_root() / "vocoder" / "<size>-<hash of the recipe and mel settings>"``."""
    from nlpcourse import pretrained

    return pretrained.recipe_cache_folder(f"vocoder/{size}", {"recipe": RECIPES[size], "mel": repr(MEL),
                                                             "resolutions": LOSS_RESOLUTIONS, "version": CACHE_VERSION})


def pretrained_vocoder(size: str = "small", progress: bool = True) -> Vocoder:
    """The vocoder trained by ``RECIPES[size]`` (``"small"`` or ``"full"``), in eval mode on the CPU.

    The first call trains it (small: about 40 s on 2 CPU cores) and caches the weights and the
    training record; later calls load them. The returned model carries ``training_losses`` (one
    loss per step) and ``training_seconds`` (of the run that made the cache)."""
    if size not in RECIPES:
        raise ValueError(f"size must be one of {sorted(RECIPES)}, got {size!r}")
    recipe = RECIPES[size]
    folder = cache_folder(size)
    if (folder / "vocoder.pt").exists() and (folder / "training.json").exists():
        model = Vocoder(recipe["channels"], recipe["dilations"])
        model.load_state_dict(torch.load(folder / "vocoder.pt", map_location="cpu", weights_only=True))
        record = json.loads((folder / "training.json").read_text(encoding="utf-8"))
        losses, seconds = record["losses"], record["seconds"]
    else:
        model, losses, seconds = train_vocoder(recipe, progress=progress)
        trained = model

        def write(staging: Path) -> None:
            torch.save(trained.state_dict(), staging / "vocoder.pt")
            (staging / "training.json").write_text(json.dumps({"recipe": recipe, "losses": losses, "seconds": seconds}),
                                                   encoding="utf-8")

        from nlpcourse import pretrained

        pretrained.write_cache_atomically(folder, write)
    model.training_losses = list(losses)
    model.training_seconds = float(seconds)
    return model.eval()


def vocode(model, log_mel) -> np.ndarray:
    """A float32 waveform at ``MEL.sample_rate`` of ``frames * MEL.hop_length`` samples from one
    natural-log mel ``(n_mels, frames)`` (NumPy array or tensor), computed without gradients."""
    spectrogram = torch.as_tensor(np.asarray(log_mel, dtype=np.float32) if not torch.is_tensor(log_mel) else log_mel,
                                  dtype=torch.float32)
    if spectrogram.dim() != 2:
        raise ValueError(f"expected one log-mel (n_mels, frames), got shape {tuple(spectrogram.shape)}")
    parameter = next(model.parameters(), None)
    device = parameter.device if parameter is not None else torch.device("cpu")
    with torch.no_grad():
        waveform = model(spectrogram.to(device)[None])[0]
    return waveform.detach().cpu().numpy().astype(np.float32)
