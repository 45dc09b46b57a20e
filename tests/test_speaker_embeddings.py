"""nlpcourse.speaker_embeddings: resemblyzer's pretrained speaker encoder, cached on disk."""

import numpy as np
import pytest

from nlpcourse import speaker_embeddings, speech


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("NLPCOURSE_CACHE", str(tmp_path))
    return tmp_path


@pytest.mark.skipif(not speech.available(), reason="espeak-ng is not installed")
def test_embeddings_are_unit_vectors_that_tell_voices_apart_and_are_cached(cache, monkeypatch):
    clips = [speech.synthesise("We measured the water level on Monday.", voice=voice) for voice in ("en-us", "en-us+f3")]
    clips.append(speech.synthesise("The river was higher than last year.", voice="en-us"))
    rows = speaker_embeddings.embed_utterances(clips)
    assert rows.shape == (3, speaker_embeddings.DIMENSION) and rows.dtype == np.float32
    assert np.allclose(np.linalg.norm(rows, axis=1), 1.0, atol=1e-4)
    # the same voice saying another sentence is closer than another voice saying the same sentence
    assert rows[0] @ rows[2] > rows[0] @ rows[1]
    assert list(cache.glob("speaker_embeddings/*/embeddings.npy")), "the rows are kept in the cache"

    def no_encoder(*args, **kwargs):
        raise AssertionError("the second call must read the cache, not run the encoder")

    monkeypatch.setattr(speaker_embeddings, "embed", no_encoder)
    assert np.array_equal(speaker_embeddings.embed_utterances(clips), rows)


def test_an_empty_waveform_has_no_embedding():
    with pytest.raises(ValueError):
        speaker_embeddings.embed(np.zeros(0, np.float32), 22050)
