"""The week-8 speech features every TTS notebook shares: one set of mel settings, log-mels, frame
durations, a Griffin-Lim inversion, and the sentences the small TTS models learn to say.

- :data:`MEL`: sample rate, FFT size, hop, window and mel band edges used by the acoustic model,
  the vocoder and the pipeline (22,050 Hz, 1024-point FFT, hop 256 = 11.6 ms, 80 mels to 8 kHz);
- :func:`log_mel`: a waveform's natural-log mel magnitude spectrogram, ``(n_mels, frames)``, as
  librosa computes it with those settings (the notebooks build their own and compare);
- :func:`frame_durations`: how many spectrogram frames each phoneme of an
  :class:`nlpcourse.speech.Utterance` covers (the targets of a duration predictor);
- :func:`griffin_lim`: a waveform back from a log-mel, by librosa's Griffin-Lim;
- :func:`tts_sentences`: short, plain sentences from the course's Lee corpus for synthesis.

What it does not do: synthesise speech (``nlpcourse.speech``), play or plot (``nlpcourse.audio``),
or define models.
"""

from __future__ import annotations

import dataclasses
import re

import numpy as np

from nlpcourse import speech


@dataclasses.dataclass(frozen=True)
class MelSettings:
    sample_rate: int = speech.SAMPLE_RATE
    n_fft: int = 1024
    hop_length: int = 256
    win_length: int = 1024
    n_mels: int = 80
    f_min: float = 0.0
    f_max: float = 8000.0
    floor: float = 1e-5  # magnitudes are clamped here before the log: log(1e-5) = -11.5 is "silence"

    def frames(self, n_samples: int) -> int:
        """Frames of a centred STFT of ``n_samples`` samples: 1 + n_samples // hop_length."""
        return 1 + int(n_samples) // self.hop_length


MEL = MelSettings()


def mel_basis(settings: MelSettings = MEL) -> np.ndarray:
    """The Slaney-normalised mel filterbank, ``(n_mels, n_fft // 2 + 1)`` float32 (librosa's)."""
    import librosa

    return librosa.filters.mel(sr=settings.sample_rate, n_fft=settings.n_fft, n_mels=settings.n_mels,
                               fmin=settings.f_min, fmax=settings.f_max).astype(np.float32)


def log_mel(audio, settings: MelSettings = MEL) -> np.ndarray:
    """Natural log of the mel-filtered STFT magnitude, ``(n_mels, frames)`` float32; frames follow
    :meth:`MelSettings.frames` (centred, reflect-padded frames, a Hann window)."""
    import librosa

    waveform = np.asarray(audio, dtype=np.float32).reshape(-1)
    magnitude = np.abs(librosa.stft(waveform, n_fft=settings.n_fft, hop_length=settings.hop_length,
                                    win_length=settings.win_length, window="hann", center=True))
    mel = mel_basis(settings) @ magnitude                                     # (n_mels, frames)
    return np.log(np.maximum(mel, settings.floor)).astype(np.float32)


def griffin_lim(log_mel_spectrogram, n_iter: int = 32, settings: MelSettings = MEL, seed: int = 0) -> np.ndarray:
    """A float32 waveform whose log-mel approximates ``log_mel_spectrogram`` ``(n_mels, frames)``:
    the mel magnitudes mapped back to linear frequency (non-negative least squares), then
    librosa's Griffin-Lim phase estimate with ``n_iter`` iterations, a fixed random start."""
    import librosa

    mel = np.exp(np.asarray(log_mel_spectrogram, dtype=np.float32))            # (n_mels, frames)
    magnitude = librosa.feature.inverse.mel_to_stft(mel, sr=settings.sample_rate, n_fft=settings.n_fft, power=1.0,
                                                    fmin=settings.f_min, fmax=settings.f_max)
    return librosa.griffinlim(magnitude, n_iter=n_iter, hop_length=settings.hop_length, win_length=settings.win_length,
                              n_fft=settings.n_fft, window="hann", center=True, init="random",
                              random_state=seed).astype(np.float32)


def frame_durations(utterance: speech.Utterance, settings: MelSettings = MEL) -> np.ndarray:
    """Frames per phoneme, int64 ``(n_phonemes,)``, summing to the utterance's frame count.

    Frame ``f`` is centred on sample ``f * hop_length``; it belongs to the phoneme spoken at that
    sample (before the first phoneme starts: the first phoneme). Short phonemes can get 0 frames."""
    n_frames = settings.frames(len(utterance.audio))
    starts = np.asarray(utterance.starts, dtype=np.int64)
    if len(starts) == 0:
        raise ValueError("the utterance has no phonemes")
    centres = np.arange(n_frames) * settings.hop_length
    owner = np.clip(np.searchsorted(starts, centres, side="right") - 1, 0, len(starts) - 1)
    return np.bincount(owner, minlength=len(starts)).astype(np.int64)


def tts_sentences(count: int, min_words: int = 4, max_words: int = 12) -> list[str]:
    """``count`` distinct short sentences for synthesis, in corpus order: the clauses (split at
    sentence ends, commas, semicolons and colons) of the Lee news corpus, then of the movie reviews,
    that have ``min_words``-``max_words`` words of letters only (no digits or symbols, which day 2's
    text front end handles), each given a capital and a full stop."""
    from nlpcourse import data

    chosen, seen = [], set()
    for document in [*data.lee_corpus(), *data.movie_reviews().texts]:
        for clause in re.split(r"[.!?;:,]+(?:\s+|$)|\s+[.!?;:,]+\s*", document):
            words = clause.split()
            if not min_words <= len(words) <= max_words:
                continue
            if not all(re.fullmatch(r"[A-Za-z]+(?:['-][A-Za-z]+)*", word) for word in words):
                continue
            text = " ".join(words)
            text = text[0].upper() + text[1:] + "."
            if text.lower() not in seen:
                seen.add(text.lower())
                chosen.append(text)
                if len(chosen) == count:
                    return chosen
    raise ValueError(f"only {len(chosen)} sentences match; ask for fewer")
