"""Answer bank of week05_transformer_architectures day02_encoder_decoder_models: a plausible wrong answer, a correct
alternative and (where the checks deny a call) a denied answer per exercise."""

BANK = {
    "shift_right": {
        "wrong": '''def shift_right(labels, decoder_start_token_id, pad_token_id):
    """Decoder inputs from labels (..., T): start id in front, last label dropped, -100 -> pad id."""
    if decoder_start_token_id is None or pad_token_id is None:
        raise ValueError("need both ids")
    labels = torch.as_tensor(labels)
    start = torch.full_like(labels[..., :1], decoder_start_token_id)
    return torch.cat([start, labels[..., :-1]], dim=-1)
''',
        "why": "shifts correctly but leaves the -100 of padded labels in the decoder inputs instead of the padding id",
        "alternative": '''def shift_right(labels, decoder_start_token_id, pad_token_id):
    """Decoder inputs from labels (..., T): start id in front, last label dropped, -100 -> pad id."""
    if pad_token_id is None:
        raise ValueError("pad_token_id must be set")
    if decoder_start_token_id is None:
        raise ValueError("decoder_start_token_id must be set")
    rolled = torch.roll(torch.as_tensor(labels), shifts=1, dims=-1)  # a new tensor; the last label wraps to the front
    rolled[..., 0] = decoder_start_token_id
    return torch.where(rolled == -100, torch.full_like(rolled, pad_token_id), rolled)
''',
        "denied": '''def shift_right(labels, decoder_start_token_id, pad_token_id):
    """Decoder inputs from labels (..., T): start id in front, last label dropped, -100 -> pad id."""
    from types import SimpleNamespace
    from transformers.models.t5.modeling_t5 import T5PreTrainedModel
    fake_model = SimpleNamespace(config=SimpleNamespace(decoder_start_token_id=decoder_start_token_id,
                                                        pad_token_id=pad_token_id))
    return T5PreTrainedModel._shift_right(fake_model, torch.as_tensor(labels))
''',
    },
    "relative_position_bucket": {
        "wrong": '''def relative_position_bucket(relative_position, bidirectional=True, num_buckets=32, max_distance=128):
    """T5's bucket of each relative position (key - query), as an int64 tensor of the same shape."""
    relative_position = torch.as_tensor(relative_position, dtype=torch.long)
    if bidirectional:
        num_buckets //= 2
        offset = (relative_position > 0).long() * num_buckets
        distance = relative_position.abs()
    else:
        offset = torch.zeros_like(relative_position)
        distance = (-relative_position).clamp(min=0)
    max_exact = num_buckets // 2
    log_fraction = torch.log(distance.clamp(min=1).float() / max_exact) / math.log(max_distance / max_exact)
    logarithmic = max_exact + (log_fraction * (num_buckets - max_exact)).long()
    return offset + torch.where(distance < max_exact, distance, logarithmic)
''',
        "why": "forgets to cap the logarithmic buckets at num_buckets - 1: distances beyond max_distance get buckets that do not exist (or the other direction's)",
        "alternative": '''def relative_position_bucket(relative_position, bidirectional=True, num_buckets=32, max_distance=128):
    """T5's bucket of each relative position (key - query), as an int64 tensor of the same shape."""
    delta = torch.as_tensor(relative_position).long()
    per_direction = num_buckets // 2 if bidirectional else num_buckets
    if bidirectional:
        start = torch.where(delta > 0, torch.full_like(delta, per_direction), torch.zeros_like(delta))
        n = torch.abs(delta)
    else:
        start = torch.zeros_like(delta)
        n = torch.where(delta < 0, -delta, torch.zeros_like(delta))
    exact = per_direction // 2
    # exact arithmetic in float64: a boundary distance may land one bucket higher than T5's float32 (accepted)
    ratio = torch.log(torch.maximum(n, torch.ones_like(n)).double() / exact) / math.log(max_distance / exact)
    far = torch.clamp(exact + torch.floor(ratio * (per_direction - exact)).long(), max=per_direction - 1)
    return (start + torch.where(n < exact, n, far)).to(torch.int64)
''',
        "denied": '''def relative_position_bucket(relative_position, bidirectional=True, num_buckets=32, max_distance=128):
    """T5's bucket of each relative position (key - query), as an int64 tensor of the same shape."""
    return T5Attention._relative_position_bucket(torch.as_tensor(relative_position, dtype=torch.long),
                                                 bidirectional=bidirectional, num_buckets=num_buckets,
                                                 max_distance=max_distance)
''',
    },
    "relative_position_bias": {
        "wrong": '''def relative_position_bias(bias_table, query_length, key_length, bidirectional=True, max_distance=128, past_length=0):
    """T5's position bias (1, num_heads, query_length, key_length) from a (num_buckets, num_heads) table."""
    bias_table = torch.as_tensor(bias_table)
    query_position = torch.arange(query_length)[:, None] + past_length
    key_position = torch.arange(key_length)[None, :]
    buckets = relative_position_bucket(query_position - key_position, bidirectional, bias_table.shape[0], max_distance)
    return bias_table[buckets].permute(2, 0, 1).unsqueeze(0)
''',
        "why": "takes the relative position as query - key instead of key - query, which mirrors left and right",
        "alternative": '''def relative_position_bias(bias_table, query_length, key_length, bidirectional=True, max_distance=128, past_length=0):
    """T5's position bias (1, num_heads, query_length, key_length) from a (num_buckets, num_heads) table."""
    table = torch.as_tensor(bias_table)
    queries = torch.arange(past_length, past_length + query_length).unsqueeze(1)  # absolute query positions
    keys = torch.arange(key_length).unsqueeze(0)
    buckets = relative_position_bucket(keys - queries, bidirectional=bidirectional, num_buckets=table.shape[0],
                                       max_distance=max_distance)                  # (L_q, L_k)
    bias = torch.nn.functional.embedding(buckets, table)                             # (L_q, L_k, heads)
    return torch.einsum("qkh->hqk", bias)[None]
''',
        "denied": '''def relative_position_bias(bias_table, query_length, key_length, bidirectional=True, max_distance=128, past_length=0):
    """T5's position bias (1, num_heads, query_length, key_length) from a (num_buckets, num_heads) table."""
    from transformers import T5Config
    table = torch.as_tensor(bias_table)
    config = T5Config(num_heads=table.shape[1], relative_attention_num_buckets=table.shape[0],
                      relative_attention_max_distance=max_distance, is_decoder=not bidirectional)
    attention = T5Attention(config, has_relative_attention_bias=True, layer_idx=0)
    with torch.no_grad():
        attention.relative_attention_bias.weight.copy_(table)
        return attention.compute_bias(query_length, key_length, past_seen_tokens=past_length).to(table.dtype)
''',
    },
    "t5_attention_masks": {
        "wrong": '''def t5_attention_masks(attention_mask, decoder_attention_mask):
    """(encoder_self (B,1,S,S), decoder_self (B,1,T,T), cross (B,1,T,S)): bool, True where a query may attend."""
    source = torch.as_tensor(attention_mask).bool()
    target = torch.as_tensor(decoder_attention_mask).bool()
    if source.shape[0] != target.shape[0]:
        raise ValueError("batch sizes differ")
    batch, source_len = source.shape
    target_len = target.shape[1]
    encoder_self = source[:, None, None, :].expand(batch, 1, source_len, source_len)
    decoder_self = target[:, None, None, :] & torch.ones(target_len, target_len, dtype=torch.bool).tril()
    cross = source[:, None, None, :] & torch.ones(target_len, source_len, dtype=torch.bool).tril()  # "the decoder must not look ahead"
    return encoder_self, decoder_self, cross
''',
        "why": "makes cross-attention causal: target position t may only read source positions <= t",
        "alternative": '''def t5_attention_masks(attention_mask, decoder_attention_mask):
    """(encoder_self (B,1,S,S), decoder_self (B,1,T,T), cross (B,1,T,S)): bool, True where a query may attend."""
    source = torch.as_tensor(attention_mask) != 0
    target = torch.as_tensor(decoder_attention_mask) != 0
    if len(source) != len(target):
        raise ValueError(f"{len(source)} sources but {len(target)} targets")
    B, S = source.shape
    T = target.shape[1]
    query = torch.arange(T).view(1, 1, T, 1)
    key = torch.arange(T).view(1, 1, 1, T)
    encoder_self = source.view(B, 1, 1, S).repeat(1, 1, S, 1)
    decoder_self = torch.logical_and(target.view(B, 1, 1, T), key <= query)
    cross = source.view(B, 1, 1, S).repeat(1, 1, T, 1)
    return (encoder_self, decoder_self, cross)
''',
        "denied": '''def t5_attention_masks(attention_mask, decoder_attention_mask):
    """(encoder_self (B,1,S,S), decoder_self (B,1,T,T), cross (B,1,T,S)): bool, True where a query may attend."""
    from transformers.modeling_attn_mask_utils import _prepare_4d_attention_mask
    source = torch.as_tensor(attention_mask).long()
    target = torch.as_tensor(decoder_attention_mask).bool()
    if source.shape[0] != target.shape[0]:
        raise ValueError("batch sizes differ")
    target_len = target.shape[1]
    encoder_self = _prepare_4d_attention_mask(source, torch.float32) == 0
    cross = _prepare_4d_attention_mask(source, torch.float32, tgt_len=target_len) == 0
    decoder_self = target[:, None, None, :] & torch.ones(target_len, target_len, dtype=torch.bool).tril()
    return encoder_self, decoder_self, cross
''',
    },
    "t5_cross_attention": {
        "wrong": '''def t5_cross_attention(decoder_states, encoder_states, encoder_attention_mask,
                       q_weight, k_weight, v_weight, o_weight, num_heads):
    """T5 cross-attention: (B, T, d_model) queries from the decoder, keys and values from (B, S, d_model)."""
    decoder_states, encoder_states = torch.as_tensor(decoder_states), torch.as_tensor(encoder_states)
    q_weight, k_weight, v_weight, o_weight = (torch.as_tensor(w) for w in (q_weight, k_weight, v_weight, o_weight))
    batch, target_len, _ = decoder_states.shape
    source_len = encoder_states.shape[1]
    head_dim = q_weight.shape[0] // num_heads

    def split_heads(x, length):
        return x.view(batch, length, num_heads, head_dim).transpose(1, 2)

    queries = split_heads(decoder_states @ q_weight.T, target_len)
    keys = split_heads(encoder_states @ k_weight.T, source_len)
    values = split_heads(encoder_states @ v_weight.T, source_len)
    scores = queries @ keys.transpose(-2, -1) / math.sqrt(head_dim)  # "fixed" the missing scaling too
    is_real = torch.as_tensor(encoder_attention_mask).to(scores.dtype)[:, None, None, :]
    scores = scores + (1.0 - is_real) * torch.finfo(scores.dtype).min
    weights = torch.softmax(scores, dim=-1)
    context = (weights @ values).transpose(1, 2).reshape(batch, target_len, num_heads * head_dim)
    return context @ o_weight.T
''',
        "why": "fixes the inverted mask but also divides the scores by sqrt(d_kv), which T5 does not do",
        "alternative": '''def t5_cross_attention(decoder_states, encoder_states, encoder_attention_mask,
                       q_weight, k_weight, v_weight, o_weight, num_heads):
    """T5 cross-attention: (B, T, d_model) queries from the decoder, keys and values from (B, S, d_model)."""
    import torch.nn.functional as F
    y, h = torch.as_tensor(decoder_states), torch.as_tensor(encoder_states)
    wq, wk, wv, wo = (torch.as_tensor(w) for w in (q_weight, k_weight, v_weight, o_weight))
    B, T, _ = y.shape
    S = h.shape[1]
    q = F.linear(y, wq).reshape(B, T, num_heads, -1).permute(0, 2, 1, 3)   # (B, H, T, d_kv)
    k = F.linear(h, wk).reshape(B, S, num_heads, -1).permute(0, 2, 1, 3)   # (B, H, S, d_kv)
    v = F.linear(h, wv).reshape(B, S, num_heads, -1).permute(0, 2, 1, 3)
    may_attend = (torch.as_tensor(encoder_attention_mask) != 0).reshape(B, 1, 1, S)
    context = F.scaled_dot_product_attention(q, k, v, attn_mask=may_attend, scale=1.0)  # T5: no 1/sqrt(d_kv)
    return F.linear(context.permute(0, 2, 1, 3).reshape(B, T, -1), wo)
''',
        "denied": '''def t5_cross_attention(decoder_states, encoder_states, encoder_attention_mask,
                       q_weight, k_weight, v_weight, o_weight, num_heads):
    """T5 cross-attention: (B, T, d_model) queries from the decoder, keys and values from (B, S, d_model)."""
    from transformers import T5Config
    y, h = torch.as_tensor(decoder_states), torch.as_tensor(encoder_states)
    wq, wk, wv, wo = (torch.as_tensor(w) for w in (q_weight, k_weight, v_weight, o_weight))
    config = T5Config(d_model=y.shape[-1], d_kv=wq.shape[0] // num_heads, num_heads=num_heads, dropout_rate=0.0)
    config._attn_implementation = "eager"
    attention = T5Attention(config, has_relative_attention_bias=False).to(y.dtype).eval()
    with torch.no_grad():
        for layer, weight in zip([attention.q, attention.k, attention.v, attention.o], [wq, wk, wv, wo]):
            layer.weight.copy_(weight)
        is_real = torch.as_tensor(encoder_attention_mask).to(y.dtype)[:, None, None, :]
        mask = (1.0 - is_real) * torch.finfo(y.dtype).min
        return attention(y, mask=mask, key_value_states=h)[0]
''',
    },
    "quiz": {
        "wrong": '''# Predictions first (Python ints), then measure them with your own functions; q_long_input is "a", "b" or "c".
predicted_hidden_positions = 2  # the two -100s that land in the decoder inputs
quiz_labels = torch.tensor([[7, 8, 9, 1, -100], [4, 5, 6, 7, 1], [3, 1, -100, -100, -100]])
measured_hidden_positions = int((shift_right(quiz_labels, 0, 0) == 0).sum())

predicted_last_bucket_distance = 128  # max_distance
quiz_distances = torch.arange(1, 300)
measured_last_bucket_distance = int(quiz_distances[relative_position_bucket(quiz_distances) == 31].min())

q_long_input = "b"
''',
        "why": "predicts from the -100s only (forgets that T5's start token is the padding id) and takes max_distance for the start of the last bucket",
        "alternative": '''# Predictions first (Python ints), then measure them with your own functions; q_long_input is "a", "b" or "c".
predicted_hidden_positions = 3 + 2  # three start tokens (start id = pad id) and the two -100s that move into the inputs
shifted = shift_right(np.array([[7, 8, 9, 1, -100], [4, 5, 6, 7, 1], [3, 1, -100, -100, -100]]), 0, 0)
measured_hidden_positions = sum(1 for row in shifted.tolist() for token in row if token == 0)

predicted_last_bucket_distance = math.ceil(8 * 16 ** (7 / 8))
measured_last_bucket_distance = next(d for d in range(1, 1000) if int(relative_position_bucket(torch.tensor([d]))[0]) == 31)

q_long_input = "b"
''',
    },
}
