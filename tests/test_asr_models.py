"""The online-only loaders of nlpcourse.asr_models refuse cleanly offline (no download attempted)."""

import pytest

from nlpcourse import asr_models


@pytest.mark.parametrize("loader, name", [(asr_models.load_whisper, asr_models.WHISPER_TINY),
                                          (asr_models.load_wav2vec2_ctc, asr_models.WAV2VEC2_BASE_960H)])
def test_loaders_refuse_offline(loader, name):
    with pytest.raises(asr_models.OfflineError, match="offline"):
        loader(online=False)
    with pytest.raises(RuntimeError, match=name.split("/")[1]):
        loader(name, online=False)


def test_names_and_rate():
    assert asr_models.SAMPLE_RATE == 16_000
    assert asr_models.WHISPER_TINY == "openai/whisper-tiny"
    assert asr_models.WAV2VEC2_BASE_960H == "facebook/wav2vec2-base-960h"
