"""Real pretrained speech recognisers, loaded only where the network is there.

Week 9 builds Whisper's and wav2vec 2.0's front ends from scratch and checks them against
``transformers`` with configurations that need no download. The real checkpoints
(``openai/whisper-tiny``, ``facebook/wav2vec2-base-960h``) are downloads of 150-400 MB, so the
notebooks call these loaders only when ``course.online`` is true (Colab); everywhere else they
raise :class:`OfflineError` with a message that says what the cell would have shown.

- :func:`load_whisper` -> (processor, model); :func:`whisper_transcribe` decodes 16 kHz audio
  with a forced language and task.
- :func:`load_wav2vec2_ctc` -> (processor, model); :func:`wav2vec2_transcribe` decodes greedily.
"""

from __future__ import annotations

import numpy as np

WHISPER_TINY = "openai/whisper-tiny"
WAV2VEC2_BASE_960H = "facebook/wav2vec2-base-960h"
SAMPLE_RATE = 16_000


class OfflineError(RuntimeError):
    """A pretrained checkpoint was asked for where nothing may be downloaded."""


def _require_network(online: bool, name: str) -> None:
    if not online:
        raise OfflineError(f"{name} is a download from the Hugging Face Hub; this environment is offline "
                           "(run the notebook on Colab, where course.online is True, to use it)")


def load_whisper(name: str = WHISPER_TINY, online: bool = False):
    """(WhisperProcessor, WhisperForConditionalGeneration in eval mode) for ``name``."""
    _require_network(online, name)
    from transformers import WhisperForConditionalGeneration, WhisperProcessor

    return WhisperProcessor.from_pretrained(name), WhisperForConditionalGeneration.from_pretrained(name).eval()


def whisper_transcribe(audio, processor, model, language: str = "en", task: str = "transcribe") -> str:
    """Text of 16 kHz mono ``audio`` (at most 30 s), decoded with the given language and task."""
    import torch

    inputs = processor(np.asarray(audio, dtype=np.float32), sampling_rate=SAMPLE_RATE, return_tensors="pt")
    with torch.no_grad():
        generated = model.generate(inputs.input_features, language=language, task=task)
    return processor.batch_decode(generated, skip_special_tokens=True)[0].strip()


def load_wav2vec2_ctc(name: str = WAV2VEC2_BASE_960H, online: bool = False):
    """(Wav2Vec2Processor, Wav2Vec2ForCTC in eval mode) for ``name``."""
    _require_network(online, name)
    from transformers import Wav2Vec2ForCTC, Wav2Vec2Processor

    return Wav2Vec2Processor.from_pretrained(name), Wav2Vec2ForCTC.from_pretrained(name).eval()


def wav2vec2_transcribe(audio, processor, model) -> str:
    """Greedy CTC transcript of 16 kHz mono ``audio`` (upper-case letters, as the checkpoint spells)."""
    import torch

    inputs = processor(np.asarray(audio, dtype=np.float32), sampling_rate=SAMPLE_RATE, return_tensors="pt")
    with torch.no_grad():
        scores = model(inputs.input_values).logits            # (1, frames, vocabulary)
    return processor.batch_decode(scores.argmax(dim=-1))[0].strip()
