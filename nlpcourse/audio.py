"""Hearing and seeing audio in a notebook, and reading and writing WAV files.

- :func:`play`: an ``IPython.display.Audio`` player for a waveform (no rescaling unless asked, so
  two clips played one after the other keep their relative loudness);
- :func:`plot_waveform` and :func:`plot_spectrogram`: labelled plots, time in seconds and
  frequency in Hz, on a Matplotlib axes you pass;
- :func:`read_wav` and :func:`write_wav`: float32 waveforms in [-1, 1] through ``soundfile``.

What it does not do: compute spectrograms or features (that is what the exercises are for, with
``librosa`` and ``torch.stft`` as references), synthesise speech (``nlpcourse.speech``) or resample.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np


def as_waveform(audio) -> np.ndarray:
    """A 1-D float32 NumPy copy of a waveform given as a list, array or tensor."""
    if hasattr(audio, "detach"):
        audio = audio.detach().cpu().numpy()
    waveform = np.asarray(audio, dtype=np.float32)
    if waveform.ndim != 1:
        raise ValueError(f"a waveform is 1-D (samples,), not of shape {waveform.shape}")
    return waveform


def play(audio, sample_rate: int, normalise: bool = False):
    """An audio player for the notebook. Samples outside [-1, 1] are clipped unless ``normalise``."""
    from IPython.display import Audio

    waveform = as_waveform(audio)
    if not normalise:
        waveform = np.clip(waveform, -1.0, 1.0)
        if not np.any(waveform):
            waveform = waveform.copy()
            waveform[:1] = 1e-9  # IPython refuses to scale an all-zero clip it was told not to scale
    return Audio(waveform, rate=int(sample_rate), normalize=normalise)


def plot_waveform(ax, audio, sample_rate: int, title: str = "Waveform", **line_options):
    """Amplitude against time in seconds."""
    waveform = as_waveform(audio)
    seconds = np.arange(len(waveform)) / sample_rate
    ax.plot(seconds, waveform, linewidth=line_options.pop("linewidth", 0.6), **line_options)
    ax.set_xlabel("time (s)")
    ax.set_ylabel("amplitude")
    ax.set_title(title)
    ax.set_xlim(0, max(seconds[-1] if len(seconds) else 0.0, 1.0 / sample_rate))
    return ax


def plot_spectrogram(ax, values, sample_rate: int, hop_length: int, title: str = "Spectrogram",
                     frequencies=None, colour_label: str = "dB", **image_options):
    """A (frequency bins, frames) array as an image: time in seconds across, frequency in Hz up.

    ``frequencies``: the centre frequency in Hz of each row; by default the rows are taken to be
    the bins of an FFT spanning 0 to sample_rate / 2 (for mel rows, pass their centre frequencies:
    the axis is then labelled by those, each row the same height)."""
    values = np.asarray(values, dtype=np.float32)
    if values.ndim != 2:
        raise ValueError(f"a spectrogram is 2-D (frequency bins, frames), not of shape {values.shape}")
    bins, frames = values.shape
    end_seconds = frames * hop_length / sample_rate
    if frequencies is None:
        extent = (0.0, end_seconds, 0.0, sample_rate / 2)
        image = ax.imshow(values, origin="lower", aspect="auto", extent=extent, **image_options)
        ax.set_ylabel("frequency (Hz)")
    else:
        frequencies = np.asarray(frequencies, dtype=float)
        image = ax.imshow(values, origin="lower", aspect="auto", extent=(0.0, end_seconds, -0.5, bins - 0.5),
                          **image_options)
        ticks = np.linspace(0, bins - 1, min(bins, 6)).round().astype(int)
        ax.set_yticks(ticks, [f"{frequencies[t]:.0f}" for t in ticks])
        ax.set_ylabel("frequency (Hz, mel-spaced rows)")
    ax.set_xlabel("time (s)")
    ax.set_title(title)
    ax.figure.colorbar(image, ax=ax, label=colour_label)
    return image


def read_wav(path) -> tuple[np.ndarray, int]:
    """(float32 waveform (samples,), sample rate) from a WAV or FLAC file; stereo is averaged."""
    import soundfile

    waveform, sample_rate = soundfile.read(str(path), dtype="float32", always_2d=True)
    return waveform.mean(axis=1), int(sample_rate)


def write_wav(path, audio, sample_rate: int) -> Path:
    """Write a waveform as 16-bit PCM WAV (samples outside [-1, 1] are clipped)."""
    import soundfile

    path = Path(path)
    soundfile.write(str(path), np.clip(as_waveform(audio), -1.0, 1.0), int(sample_rate), subtype="PCM_16")
    return path
