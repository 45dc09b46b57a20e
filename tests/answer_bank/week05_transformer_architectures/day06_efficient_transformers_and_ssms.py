"""Answer bank of week05_transformer_architectures day06_efficient_transformers_and_ssms: a plausible wrong answer and a correct alternative per exercise."""

BANK = {
    "cached_causal_attention": {
        "wrong": '''def cached_causal_attention(x, w_qkv, b_qkv, w_out, b_out, num_heads, past_key=None, past_value=None):
    """GPT-2 attention over T new positions with a KV cache: (output (B, T, d), keys, values (B, H, P + T, d_h))."""
    x = torch.as_tensor(x)
    batch, new, width = x.shape
    head_size = width // num_heads
    qkv = x @ torch.as_tensor(w_qkv, dtype=x.dtype) + torch.as_tensor(b_qkv, dtype=x.dtype)
    query, key, value = (part.reshape(batch, new, num_heads, head_size).transpose(1, 2) for part in qkv.split(width, dim=-1))
    if past_key is not None:
        key = torch.cat([torch.as_tensor(past_key, dtype=x.dtype), key], dim=2)
        value = torch.cat([torch.as_tensor(past_value, dtype=x.dtype), value], dim=2)
    # is_causal=True aligns the mask at the top left: wrong as soon as there is a past
    attended = F.scaled_dot_product_attention(query, key, value, is_causal=True)
    merged = attended.transpose(1, 2).reshape(batch, new, width)
    return merged @ torch.as_tensor(w_out, dtype=x.dtype) + torch.as_tensor(b_out, dtype=x.dtype), key, value
''',
        "why": "uses is_causal=True with a cache: the mask is not shifted by the cached length, so new tokens do not see the past",
        "alternative": '''def cached_causal_attention(x, w_qkv, b_qkv, w_out, b_out, num_heads, past_key=None, past_value=None):
    """GPT-2 attention over T new positions with a KV cache: (output (B, T, d), keys, values (B, H, P + T, d_h))."""
    x = torch.as_tensor(x)
    dtype = x.dtype
    batch, new, width = x.shape
    head = width // num_heads
    projected = torch.einsum("btd,de->bte", x, torch.as_tensor(w_qkv, dtype=dtype)) + torch.as_tensor(b_qkv, dtype=dtype)
    projected = projected.view(batch, new, 3, num_heads, head).permute(2, 0, 3, 1, 4)   # (3, B, H, T, d_h)
    query, key, value = projected[0], projected[1], projected[2]
    if past_key is not None and torch.as_tensor(past_key).shape[2] > 0:
        key = torch.cat([torch.as_tensor(past_key, dtype=dtype), key], dim=2)
        value = torch.cat([torch.as_tensor(past_value, dtype=dtype), value], dim=2)
    total = key.shape[2]
    allowed = torch.ones(new, total, dtype=torch.bool).tril(diagonal=total - new)       # shifted lower triangle
    bias = torch.zeros(new, total, dtype=dtype).masked_fill(~allowed, float("-inf"))
    attended = F.scaled_dot_product_attention(query, key, value, attn_mask=bias)
    merged = attended.permute(0, 2, 1, 3).reshape(batch, new, width)
    output = torch.einsum("btd,de->bte", merged, torch.as_tensor(w_out, dtype=dtype)) + torch.as_tensor(b_out, dtype=dtype)
    return output, key.contiguous(), value.contiguous()
''',
        "denied": '''def cached_causal_attention(x, w_qkv, b_qkv, w_out, b_out, num_heads, past_key=None, past_value=None):
    """GPT-2 attention over T new positions with a KV cache: (output (B, T, d), keys, values (B, H, P + T, d_h))."""
    from transformers import DynamicCache
    from transformers.models.gpt2.modeling_gpt2 import GPT2Attention
    x = torch.as_tensor(x)
    width = x.shape[-1]
    config = GPT2Config(n_embd=width, n_head=num_heads, attn_pdrop=0.0, resid_pdrop=0.0, attn_implementation="eager")
    layer = GPT2Attention(config, layer_idx=0).to(x.dtype).eval()
    with torch.no_grad():
        layer.c_attn.weight.copy_(torch.as_tensor(w_qkv)); layer.c_attn.bias.copy_(torch.as_tensor(b_qkv))
        layer.c_proj.weight.copy_(torch.as_tensor(w_out)); layer.c_proj.bias.copy_(torch.as_tensor(b_out))
        cache = DynamicCache()
        past = 0
        if past_key is not None:
            cache.update(torch.as_tensor(past_key, dtype=x.dtype), torch.as_tensor(past_value, dtype=x.dtype), 0)
            past = torch.as_tensor(past_key).shape[2]
        new = x.shape[1]
        allowed = torch.ones(new, past + new, dtype=torch.bool).tril(diagonal=past)
        mask = torch.zeros(1, 1, new, past + new, dtype=x.dtype).masked_fill(~allowed, torch.finfo(x.dtype).min)
        output = layer(x, past_key_values=cache, attention_mask=mask)[0]
    return output, cache.layers[0].keys, cache.layers[0].values
''',
    },
    "kv_cache_bytes": {
        "wrong": '''def kv_cache_bytes(config, seq_len, batch_size=1, bytes_per_value=4):
    """Bytes of the keys and values a decoder caches for batch_size sequences of seq_len positions (a Python int)."""
    heads = config["num_attention_heads"]          # counts every query head: ignores grouped-query attention
    kv_heads = config.get("num_key_value_heads") or heads
    if heads % kv_heads or seq_len < 0 or batch_size < 0:
        raise ValueError("bad arguments")
    head_dim = config.get("head_dim") or config["hidden_size"] // heads
    return 2 * config["num_hidden_layers"] * heads * head_dim * seq_len * batch_size * bytes_per_value
''',
        "why": "multiplies by the number of query heads instead of the key-value heads, so GQA models get a cache H/G times too big",
        "alternative": '''def kv_cache_bytes(config, seq_len, batch_size=1, bytes_per_value=4):
    """Bytes of the keys and values a decoder caches for batch_size sequences of seq_len positions (a Python int)."""
    if min(seq_len, batch_size) < 0:
        raise ValueError("negative length or batch")
    n_heads = config["num_attention_heads"]
    groups = config["num_key_value_heads"] if config.get("num_key_value_heads") is not None else n_heads
    if n_heads % groups:
        raise ValueError("heads do not split into groups")
    per_head = config["hidden_size"] // n_heads if config.get("head_dim") is None else config["head_dim"]
    per_token_per_layer = groups * per_head * bytes_per_value * 2      # a key and a value
    return per_token_per_layer * config["num_hidden_layers"] * seq_len * batch_size
''',
    },
    "discretize": {
        "wrong": '''def discretize(delta, A, B):
    """Mamba's discretisation: A_bar = exp(delta A), B_bar = delta B, both (batch, L, D, N)."""
    delta = torch.as_tensor(delta)
    A, B = torch.as_tensor(A, dtype=delta.dtype), torch.as_tensor(B, dtype=delta.dtype)
    A_bar = torch.exp(A).expand(*delta.shape, A.shape[-1]).clone()   # the bug kept: exp(A), not exp(delta A)
    B_bar = delta[..., None] * B[:, :, None, :]
    return A_bar, B_bar
''',
        "why": "keeps the bug: A_bar = exp(A) ignores the step size, so the decay no longer depends on the input",
        "alternative": '''def discretize(delta, A, B):
    """Mamba's discretisation: A_bar = exp(delta A), B_bar = delta B, both (batch, L, D, N)."""
    delta = torch.as_tensor(delta)
    A = torch.as_tensor(A).to(delta.dtype)
    B = torch.as_tensor(B).to(delta.dtype)
    A_bar = torch.einsum("bld,dn->bldn", delta, A).exp()
    B_bar = torch.einsum("bld,bln->bldn", delta, B)
    return A_bar, B_bar
''',
    },
    "selective_scan_recurrent": {
        "wrong": '''def selective_scan_recurrent(x, delta, A, B, C):
    """The selective scan, position by position: y (batch, L, D) from x, delta (batch, L, D), A (D, N), B, C (batch, L, N)."""
    x = torch.as_tensor(x)
    C = torch.as_tensor(C, dtype=x.dtype)
    A_bar, B_bar = discretize(torch.as_tensor(delta, dtype=x.dtype), torch.as_tensor(A, dtype=x.dtype),
                              torch.as_tensor(B, dtype=x.dtype))
    state = torch.zeros(A_bar.shape[0], A_bar.shape[2], A_bar.shape[3], dtype=x.dtype)
    outputs = []
    for t in range(x.shape[1]):
        outputs.append((state * C[:, t, None, :]).sum(dim=-1))   # reads the state BEFORE this position's update
        state = A_bar[:, t] * state + B_bar[:, t] * x[:, t, :, None]
    return torch.stack(outputs, dim=1)
''',
        "why": "computes y_t from h_{t-1} (output before the update), so every output is shifted by one position",
        "alternative": '''def selective_scan_recurrent(x, delta, A, B, C):
    """The selective scan, position by position: y (batch, L, D) from x, delta (batch, L, D), A (D, N), B, C (batch, L, N)."""
    x = torch.as_tensor(x)
    delta = torch.as_tensor(delta).to(x.dtype)
    A, B, C = (torch.as_tensor(t).to(x.dtype) for t in (A, B, C))
    A_bar, B_bar = discretize(delta, A, B)
    y = torch.empty_like(x)
    h = None
    for t in range(x.shape[1]):
        update = torch.einsum("bdn,bd->bdn", B_bar[:, t], x[:, t])
        h = update if h is None else A_bar[:, t] * h + update
        y[:, t] = torch.einsum("bdn,bn->bd", h, C[:, t])
    return y
''',
        "denied": '''def selective_scan_recurrent(x, delta, A, B, C):
    """The selective scan, position by position: y (batch, L, D) from x, delta (batch, L, D), A (D, N), B, C (batch, L, N)."""
    from transformers.models.mamba.modeling_mamba import mamba_selective_scan
    x, delta, A, B, C = (torch.as_tensor(t) for t in (x, delta, A, B, C))
    y = mamba_selective_scan(x.transpose(1, 2), delta.to(x.dtype).transpose(1, 2), A.to(x.dtype), B.to(x.dtype).transpose(1, 2),
                             C.to(x.dtype).transpose(1, 2))
    return y.transpose(1, 2).to(x.dtype).contiguous()
''',
    },
    "selective_scan_parallel": {
        "wrong": '''def selective_scan_parallel(x, delta, A, B, C):
    """The selective scan as a log-depth parallel scan: the same y (batch, L, D) as selective_scan_recurrent."""
    x = torch.as_tensor(x)
    C = torch.as_tensor(C, dtype=x.dtype)
    A_bar, B_bar = discretize(torch.as_tensor(delta, dtype=x.dtype), torch.as_tensor(A, dtype=x.dtype),
                              torch.as_tensor(B, dtype=x.dtype))
    products = torch.cumprod(A_bar, dim=1)                               # P_t: underflows to 0 on long sequences
    states = products * torch.cumsum(B_bar * x[..., None] / products, dim=1)
    return (states * C[:, :, None, :]).sum(dim=-1)
''',
        "why": "divides by cumulative products of the decay, which underflow to 0 after a few hundred steps: nan on long sequences",
        "alternative": '''def selective_scan_parallel(x, delta, A, B, C):
    """The selective scan as a log-depth parallel scan: the same y (batch, L, D) as selective_scan_recurrent."""
    x = torch.as_tensor(x)
    C = torch.as_tensor(C).to(x.dtype)
    a, b = discretize(torch.as_tensor(delta).to(x.dtype), torch.as_tensor(A).to(x.dtype), torch.as_tensor(B).to(x.dtype))
    b = b * x.unsqueeze(-1)
    # chunked scan: loops over chunks of 16 positions; within a chunk a doubling scan, between chunks a carry
    length, chunk = x.shape[1], 16
    pad = (-length) % chunk
    if pad:
        filler = (a.shape[0], pad, a.shape[2], a.shape[3])
        a = torch.cat([a, torch.ones(filler, dtype=a.dtype)], dim=1)
        b = torch.cat([b, torch.zeros(filler, dtype=b.dtype)], dim=1)
    batch, padded, d, n = a.shape
    a = a.reshape(batch, padded // chunk, chunk, d, n)
    b = b.reshape(batch, padded // chunk, chunk, d, n)
    step = 1
    while step < chunk:
        b = torch.cat([b[:, :, :step], a[:, :, step:] * b[:, :, :-step] + b[:, :, step:]], dim=2)
        a = torch.cat([a[:, :, :step], a[:, :, step:] * a[:, :, :-step]], dim=2)
        step *= 2
    carry = torch.zeros(batch, d, n, dtype=x.dtype)
    states = []
    for index in range(padded // chunk):
        block = b[:, index] + a[:, index] * carry[:, None]
        states.append(block)
        carry = block[:, -1]
    states = torch.cat(states, dim=1)[:, :length]
    return torch.einsum("bldn,bln->bld", states, C)
''',
        "denied": '''def selective_scan_parallel(x, delta, A, B, C):
    """The selective scan as a log-depth parallel scan: the same y (batch, L, D) as selective_scan_recurrent."""
    from transformers.models.mamba.modeling_mamba import mamba_selective_scan
    x, delta, A, B, C = (torch.as_tensor(t) for t in (x, delta, A, B, C))
    y = mamba_selective_scan(x.transpose(1, 2), delta.to(x.dtype).transpose(1, 2), A.to(x.dtype), B.to(x.dtype).transpose(1, 2),
                             C.to(x.dtype).transpose(1, 2))
    return y.transpose(1, 2).to(x.dtype).contiguous()
''',
    },
    "quiz": {
        "wrong": '''smollm2_shape = {"num_hidden_layers": 30, "num_attention_heads": 9, "num_key_value_heads": 3, "hidden_size": 576, "head_dim": 64}
quiz_decoder = tiny_transformers.from_config(GPT2LMHeadModel, GPT2Config(vocab_size=64, n_positions=64, n_embd=32, n_layer=2,
                                                                         n_head=4, bos_token_id=None, eos_token_id=None), seed=0)
quiz_prompt = torch.arange(1, 11)[None, :]                       # (1, 10): a prompt of 10 tokens
# Set the six variables below.
predicted_smollm2_cache_mb = 30 * 9 * 64 * 2048 * 4 / 1e6        # query heads, and forgets the values
computed_smollm2_cache_mb = kv_cache_bytes(smollm2_shape, 2048) / 1e6
predicted_batch_in_1gb = 10                                      # uses float32
computed_batch_in_1gb = int(1e9 // kv_cache_bytes(smollm2_shape, 2048, bytes_per_value=2))
predicted_cache_length = 16                                      # counts the last generated token too
out = quiz_decoder.generate(quiz_prompt, max_new_tokens=6, do_sample=False, use_cache=True, return_dict_in_generate=True,
                            pad_token_id=0)
measured_cache_length = int(out.past_key_values.get_seq_length())
''',
        "why": "predicts with the 9 query heads and without the values, uses float32 for the batch question, and counts the last "
               "generated token as cached",
        "alternative": '''smollm2_shape = {"num_hidden_layers": 30, "num_attention_heads": 9, "num_key_value_heads": 3, "hidden_size": 576, "head_dim": 64}
quiz_decoder = tiny_transformers.from_config(GPT2LMHeadModel, GPT2Config(vocab_size=64, n_positions=64, n_embd=32, n_layer=2,
                                                                         n_head=4, bos_token_id=None, eos_token_id=None), seed=0)
quiz_prompt = torch.arange(1, 11)[None, :]                       # (1, 10): a prompt of 10 tokens
# Set the six variables below.
per_token = 2 * 30 * 3 * 64
predicted_smollm2_cache_mb = 94.4
computed_smollm2_cache_mb = float(kv_cache_bytes(smollm2_shape, seq_len=2048, batch_size=1, bytes_per_value=4)) / 1_000_000
predicted_batch_in_1gb = math.floor(1_000_000_000 / (per_token * 2048 * 2))
computed_batch_in_1gb = 1_000_000_000 // kv_cache_bytes(smollm2_shape, 2048, 1, 2)
predicted_cache_length = 15
generated = quiz_decoder.generate(input_ids=quiz_prompt, max_new_tokens=6, do_sample=False, use_cache=True,
                                  return_dict_in_generate=True, pad_token_id=0)
measured_cache_length = generated.past_key_values.layers[0].keys.shape[2]
''',
    },
}
