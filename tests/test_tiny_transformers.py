"""nlpcourse/tiny_transformers.py: small transformers models from configs, seeded; t5-small offline and online
(the online path with the hub calls replaced, so that no test needs a network)."""

from __future__ import annotations

import pytest
import torch

from nlpcourse import tiny_transformers


def test_tiny_t5_has_the_asked_shape_and_is_ready_for_decoding():
    model = tiny_transformers.tiny_t5(vocab_size=50, d_model=16, d_kv=4, d_ff=24, num_layers=3, num_decoder_layers=2,
                                      num_heads=2, relative_attention_num_buckets=8, relative_attention_max_distance=20,
                                      eos_token_id=2, decoder_start_token_id=0)
    config = model.config
    assert (config.vocab_size, config.d_model, config.d_kv, config.d_ff, config.num_heads) == (50, 16, 4, 24, 2)
    assert len(model.encoder.block) == 3 and len(model.decoder.block) == 2
    assert (config.relative_attention_num_buckets, config.relative_attention_max_distance) == (8, 20)
    assert (config.pad_token_id, config.eos_token_id, config.decoder_start_token_id) == (0, 2, 0)
    assert config._attn_implementation == "eager" and config.dropout_rate == 0.0
    assert not model.training
    attention = model.encoder.block[0].layer[0].SelfAttention
    assert tuple(attention.relative_attention_bias.weight.shape) == (8, 2)
    labels = torch.tensor([[5, 6, 2], [7, 2, -100]])
    assert model._shift_right(labels).tolist() == [[0, 5, 6], [0, 7, 2]]
    output = model(input_ids=torch.tensor([[3, 4, 2], [5, 2, 0]]), attention_mask=torch.tensor([[1, 1, 1], [1, 1, 0]]),
                   labels=labels)
    assert output.logits.shape == (2, 3, 50) and torch.isfinite(output.loss)


def test_tiny_t5_weights_depend_on_the_seed_only_and_leave_the_global_generator_alone():
    torch.manual_seed(123)
    expected_next = torch.rand(3)
    torch.manual_seed(123)
    first = tiny_transformers.tiny_t5(seed=7)
    assert torch.equal(torch.rand(3), expected_next), "building a model must not consume the global random state"
    second = tiny_transformers.tiny_t5(seed=7)
    other = tiny_transformers.tiny_t5(seed=8)
    for (name, a), (_, b), (_, c) in zip(first.named_parameters(), second.named_parameters(), other.named_parameters()):
        assert torch.equal(a, b), f"{name}: the same seed must give the same weights"
    assert not all(torch.equal(a, c) for a, c in zip(first.parameters(), other.parameters())), "another seed, other weights"


def test_from_config_builds_any_model_class_in_eval_mode():
    from transformers import T5EncoderModel

    model = tiny_transformers.from_config(T5EncoderModel, tiny_transformers.t5_config(vocab_size=20), seed=1)
    assert isinstance(model, T5EncoderModel) and not model.training
    hidden = model(input_ids=torch.tensor([[1, 2, 3]])).last_hidden_state
    assert hidden.shape == (1, 3, 32)


def test_t5_small_offline_has_the_real_architecture_and_no_tokenizer():
    tokenizer, model = tiny_transformers.t5_small(online=False)
    assert tokenizer is None
    assert model.num_parameters() == 60_506_624  # the released t5-small
    config = model.config
    assert (config.vocab_size, config.d_model, config.num_layers, config.num_heads, config.d_kv) == (32128, 512, 6, 8, 64)
    assert (config.pad_token_id, config.eos_token_id, config.decoder_start_token_id) == (0, 1, 0)
    assert tiny_transformers.t5_small(online=False)[1] is model, "loaded once per process"


def test_t5_small_online_asks_the_hub_for_the_released_checkpoint(monkeypatch):
    import transformers

    asked = []

    class FakeModel:
        def eval(self):
            return self

    monkeypatch.setattr(transformers.AutoTokenizer, "from_pretrained", lambda name, **kw: asked.append(("tokenizer", name)) or "tok")
    monkeypatch.setattr(transformers.T5ForConditionalGeneration, "from_pretrained",
                        lambda name, **kw: asked.append(("model", name, kw.get("attn_implementation"))) or FakeModel())
    tiny_transformers.t5_small.cache_clear()
    try:
        tokenizer, model = tiny_transformers.t5_small(online=True)
    finally:
        tiny_transformers.t5_small.cache_clear()
    assert tokenizer == "tok" and isinstance(model, FakeModel)
    assert asked == [("tokenizer", "google-t5/t5-small"), ("model", "google-t5/t5-small", "eager")]


@pytest.mark.parametrize("attn_implementation", ["eager", "sdpa"])
def test_t5_config_picks_the_attention(attn_implementation):
    config = tiny_transformers.t5_config(attn_implementation=attn_implementation)
    assert config._attn_implementation == attn_implementation
