"""Speaker embeddings from resemblyzer's pretrained GE2E speaker encoder, cached on disk.

- :func:`voice_encoder`: resemblyzer's ``VoiceEncoder`` on the CPU (a 3-layer LSTM over 40-band
  mel frames of 16 kHz audio, trained with the generalised end-to-end loss; its weights ship inside
  the pip package), loaded once per process;
- :func:`embed`: one 256-dimensional, unit-length embedding per waveform (resemblyzer resamples
  to 16 kHz, trims silence and normalises the volume first);
- :func:`embed_utterances`: the same for a list of :class:`nlpcourse.speech.Utterance`, kept in
  ``pretrained.cache_root() / "speaker_embeddings"`` so that the second call, in any process, reads
  the result back instead of running the encoder (a few seconds for tens of clips on 2 cores).

What it does not do: compare embeddings, pick thresholds or download anything.
"""

from __future__ import annotations

import functools
import hashlib

import numpy as np

from nlpcourse import pretrained

DIMENSION = 256  # the width of resemblyzer's embeddings
ENCODER_RATE = 16000  # Hz: what the encoder listens at


@functools.lru_cache(maxsize=1)
def voice_encoder():
    """resemblyzer's pretrained ``VoiceEncoder`` on the CPU, quiet (about 2 s the first time)."""
    from resemblyzer import VoiceEncoder

    return VoiceEncoder("cpu", verbose=False)


def embed(audio, sample_rate: int) -> np.ndarray:
    """The ``(256,)`` float32 unit-length speaker embedding of one waveform at ``sample_rate``."""
    from resemblyzer import preprocess_wav

    waveform = np.asarray(audio, dtype=np.float32).reshape(-1)
    if waveform.size == 0:
        raise ValueError("an empty waveform has no speaker")
    prepared = preprocess_wav(waveform, source_sr=int(sample_rate))
    if prepared.size == 0:
        raise ValueError("nothing is left of this waveform once its silence is trimmed")
    return np.asarray(voice_encoder().embed_utterance(prepared), dtype=np.float32)


def _key(utterances) -> str:
    import resemblyzer

    digest = hashlib.sha256(f"resemblyzer {getattr(resemblyzer, '__version__', '?')}".encode())
    for utterance in utterances:
        digest.update(str(int(utterance.sample_rate)).encode())
        digest.update(np.ascontiguousarray(utterance.audio, dtype=np.float32).tobytes())
    return digest.hexdigest()[:24]


def embed_utterances(utterances, progress: bool = False) -> np.ndarray:
    """``(len(utterances), 256)`` float32 embeddings, one row per utterance, in order; cached by the
    audio itself, so the same clips give the same rows without running the encoder again."""
    utterances = list(utterances)
    folder = pretrained.cache_root() / "speaker_embeddings" / _key(utterances)
    stored = folder / "embeddings.npy"
    if stored.exists():
        try:
            rows = np.load(stored)
            if rows.shape == (len(utterances), DIMENSION):
                return rows
        except (OSError, ValueError):
            pass  # a damaged cache is rebuilt
    clips = utterances
    if progress:
        from tqdm.auto import tqdm

        clips = tqdm(utterances, desc="speaker embeddings")
    rows = np.zeros((len(utterances), DIMENSION), dtype=np.float32)
    for position, utterance in enumerate(clips):
        rows[position] = embed(utterance.audio, utterance.sample_rate)
    pretrained.write_cache_atomically(folder, lambda staging: np.save(staging / "embeddings.npy", rows))
    return rows
