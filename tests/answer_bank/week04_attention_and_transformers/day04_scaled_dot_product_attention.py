"""Answer bank of week04_attention_and_transformers day04_scaled_dot_product_attention: a plausible wrong answer and a correct alternative per exercise."""

BANK = {
    "dot_product_score_std": {
        "wrong": '''def dot_product_score_std(d_k, n_samples=10_000, seed=0):
    """(std of q·k, std of q·k / sqrt(d_k)) over n_samples pairs of standard normal vectors of size d_k."""
    rng = np.random.default_rng(seed)
    queries = rng.standard_normal((n_samples, d_k))
    keys = rng.standard_normal((n_samples, d_k))
    scores = (queries * keys).sum(axis=1)
    return float(scores.std(ddof=1)), float((scores / math.sqrt(d_k)).std(ddof=1))  # the "sample" std
''',
        "why": "uses the unbiased standard deviation (ddof=1) where the prompt asks for NumPy's default ddof=0",
        "alternative": '''def dot_product_score_std(d_k, n_samples=10_000, seed=0):
    """(std of q·k, std of q·k / sqrt(d_k)) over n_samples pairs of standard normal vectors of size d_k."""
    generator = np.random.default_rng(seed)
    q = generator.standard_normal(size=(n_samples, d_k))
    k = generator.standard_normal(size=(n_samples, d_k))
    dots = np.sum(q * k, axis=-1)  # one dot product per row
    spread = np.sqrt(np.mean((dots - dots.mean()) ** 2))
    scaled = dots / np.sqrt(d_k)
    scaled_spread = np.sqrt(np.mean((scaled - scaled.mean()) ** 2))
    return (float(spread), float(scaled_spread))
''',
    },
    "softmax_entropy": {
        "wrong": '''def softmax_entropy(scores):
    """Entropy in nats of softmax(scores) along the last axis: (..., n) -> (...,); -inf scores count as weight 0."""
    scores = torch.as_tensor(scores)
    weights = torch.softmax(scores, dim=-1)
    return -(weights * torch.log(weights)).sum(dim=-1)
''',
        "why": "p * log(p) with p = 0 (a masked key, or a weight that underflows) is 0 * (-inf) = nan instead of 0",
        "alternative": '''def softmax_entropy(scores):
    """Entropy in nats of softmax(scores) along the last axis: (..., n) -> (...,); -inf scores count as weight 0."""
    s = torch.as_tensor(scores)
    shifted = s - s.amax(dim=-1, keepdim=True)  # the row maximum becomes 0; -inf stays -inf
    log_normaliser = torch.logsumexp(shifted, dim=-1)  # (...,)
    p = torch.exp(shifted - log_normaliser.unsqueeze(-1))
    expected_score = torch.where(p > 0, p * shifted, torch.zeros_like(p)).sum(dim=-1)
    return log_normaliser - expected_score  # H = log sum exp(s) - sum_j p_j s_j
''',
        "denied": '''def softmax_entropy(scores):
    """Entropy in nats of softmax(scores) along the last axis: (..., n) -> (...,); -inf scores count as weight 0."""
    scores = torch.as_tensor(scores)
    return torch.distributions.Categorical(logits=scores).entropy()
''',
    },
    "scaled_dot_product_attention": {
        "wrong": '''def scaled_dot_product_attention(q, k, v, mask=None):
    """softmax(q k^T / sqrt(d_k), masked) v -> (output (..., L_q, d_v), weights (..., L_q, L_k)).

    mask: None or bool, broadcastable to (..., L_q, L_k), True where the query may attend.
    A query whose keys are all masked gets zero weights and a zero output.
    """
    q, k, v = torch.as_tensor(q), torch.as_tensor(k), torch.as_tensor(v)
    scores = q @ k.transpose(-2, -1) / math.sqrt(q.shape[-1])
    if mask is not None:
        scores = scores.masked_fill(~torch.as_tensor(mask, dtype=torch.bool), float("-inf"))
    weights = torch.softmax(scores, dim=-1)
    return weights @ v, weights
''',
        "why": "the formula as written: a query whose mask row is all False gets nan (0/0) instead of zero weights and output",
        "alternative": '''def scaled_dot_product_attention(q, k, v, mask=None):
    """softmax(q k^T / sqrt(d_k), masked) v -> (output (..., L_q, d_v), weights (..., L_q, L_k)).

    mask: None or bool, broadcastable to (..., L_q, L_k), True where the query may attend.
    A query whose keys are all masked gets zero weights and a zero output.
    """
    q, k, v = (torch.as_tensor(t) for t in (q, k, v))
    scores = torch.matmul(q, k.transpose(-1, -2)) * (q.shape[-1] ** -0.5)
    if mask is None:
        allowed = torch.ones_like(scores, dtype=torch.bool)
    else:
        allowed = torch.as_tensor(mask, device=scores.device).to(torch.bool).expand(scores.shape)
    row_max = torch.where(allowed, scores, torch.full_like(scores, float("-inf"))).amax(dim=-1, keepdim=True)
    row_max = torch.nan_to_num(row_max, neginf=0.0)  # a fully masked row: any finite shift
    exponentials = torch.where(allowed, torch.exp(scores - row_max), torch.zeros_like(scores))
    totals = exponentials.sum(dim=-1, keepdim=True)
    weights = exponentials / torch.where(totals > 0, totals, torch.ones_like(totals))
    return torch.matmul(weights, v), weights
''',
        "denied": '''def scaled_dot_product_attention(q, k, v, mask=None):
    """softmax(q k^T / sqrt(d_k), masked) v -> (output (..., L_q, d_v), weights (..., L_q, L_k)).

    mask: None or bool, broadcastable to (..., L_q, L_k), True where the query may attend.
    A query whose keys are all masked gets zero weights and a zero output.
    """
    q, k, v = torch.as_tensor(q), torch.as_tensor(k), torch.as_tensor(v)
    scores = q @ k.transpose(-2, -1) / math.sqrt(q.shape[-1])
    if mask is None:
        return F.scaled_dot_product_attention(q, k, v), torch.softmax(scores, dim=-1)
    mask = torch.as_tensor(mask, dtype=torch.bool, device=scores.device).expand(scores.shape)  # SDPA wants >= 2-D
    sees_a_key = mask.any(dim=-1, keepdim=True)  # False for a fully masked query row
    weights = torch.softmax(scores.masked_fill(~mask, float("-inf")), dim=-1)
    weights = torch.where(sees_a_key, weights, torch.zeros_like(weights))
    output = F.scaled_dot_product_attention(q, k, v, attn_mask=mask)  # the library does the weighted sum
    output = torch.where(sees_a_key, output, torch.zeros_like(output))
    return output, weights
''',
    },
    "masks": {
        "wrong": '''def padding_mask(lengths, max_len=None):
    """Bool mask (B, 1, 1, max_len), True where key j < lengths[b] (a real token)."""
    lengths = torch.as_tensor(lengths, dtype=torch.long)
    if max_len is None:
        max_len = int(lengths.max())
    return (torch.arange(max_len) < lengths[:, None])[:, None, None, :]


def causal_mask(q_len, k_len=None):
    """Bool mask (q_len, k_len), True where j <= i + (k_len - q_len): the queries are the last q_len positions."""
    k_len = q_len if k_len is None else k_len
    return torch.ones(q_len, k_len, dtype=torch.bool).tril()  # query i sees keys 0..i
''',
        "why": "causal_mask aligned to the top-left corner (tril with diagonal 0, like is_causal=True) instead of bottom-right when k_len != q_len",
        "alternative": '''def padding_mask(lengths, max_len=None):
    """Bool mask (B, 1, 1, max_len), True where key j < lengths[b] (a real token)."""
    lengths = torch.as_tensor(lengths).long()
    width = int(lengths.max().item()) if max_len is None else int(max_len)
    keys = torch.arange(width, device=lengths.device).unsqueeze(0)  # (1, max_len)
    real = keys < lengths.unsqueeze(1)  # (B, max_len)
    return real.view(lengths.shape[0], 1, 1, width)


def causal_mask(q_len, k_len=None):
    """Bool mask (q_len, k_len), True where j <= i + (k_len - q_len): the queries are the last q_len positions."""
    if k_len is None:
        k_len = q_len
    query_position = torch.arange(q_len).unsqueeze(1) + (k_len - q_len)  # absolute position of query i
    key_position = torch.arange(k_len).unsqueeze(0)
    return key_position <= query_position
''',
    },
    "cached_attention": {
        "wrong": """def cached_attention(q, k, v):
    \"\"\"Causal attention of the last L_q positions (q: (..., L_q, d_k)) to all L_k keys and values of the sequence.\"\"\"
    q, k, v = torch.as_tensor(q), torch.as_tensor(k), torch.as_tensor(v)
    if not 1 <= q.shape[-2] <= k.shape[-2]:
        raise ValueError("need 1 <= L_q <= L_k")
    return F.scaled_dot_product_attention(q, k, v, is_causal=True)      # the triangle aligned TOP-LEFT
""",
        "why": "uses is_causal=True, whose triangle is aligned to the top-left corner: with L_q < L_k the new queries "
               "see only the first keys instead of every key up to their own position",
        "alternative": """def cached_attention(q, k, v):
    \"\"\"Causal attention of the last L_q positions (q: (..., L_q, d_k)) to all L_k keys and values of the sequence.\"\"\"
    queries, keys, values = (torch.as_tensor(t) for t in (q, k, v))
    n_new, n_all = queries.shape[-2], keys.shape[-2]
    if n_new < 1 or n_new > n_all:
        raise ValueError("L_q must lie between 1 and L_k")
    allowed = torch.ones(n_new, n_all, dtype=torch.bool).tril(diagonal=n_all - n_new)
    logits = torch.einsum("...qd,...kd->...qk", queries, keys) / math.sqrt(queries.shape[-1])
    logits = torch.where(allowed, logits, torch.full_like(logits, -float("inf")))
    exps = torch.exp(logits - logits.amax(dim=-1, keepdim=True))
    return (exps / exps.sum(dim=-1, keepdim=True)) @ values
""",
    },
    "padded_attention": {
        "wrong": '''def padded_attention(q, k, v, lengths, causal=False):
    """Self-attention over a padded batch (B, H, L, d): padded keys hidden, padded query rows zeroed."""
    q = torch.as_tensor(q)
    seq_len = q.shape[-2]
    mask = padding_mask(lengths, seq_len)
    if causal:
        mask = mask & causal_mask(seq_len)
    return scaled_dot_product_attention(q, k, v, mask)
''',
        "why": "hides the padded keys but does not zero the rows of the padded queries",
        "alternative": '''def padded_attention(q, k, v, lengths, causal=False):
    """Self-attention over a padded batch (B, H, L, d): padded keys hidden, padded query rows zeroed."""
    q, k, v = torch.as_tensor(q), torch.as_tensor(k), torch.as_tensor(v)
    length = q.shape[2]
    real = torch.arange(length, device=q.device)[None, :] < torch.as_tensor(lengths, device=q.device).long()[:, None]
    allowed = real[:, None, None, :]  # (B, 1, 1, L): real keys
    if causal:
        allowed = allowed & torch.ones(length, length, dtype=torch.bool, device=q.device).tril()
    output, weights = scaled_dot_product_attention(q, k, v, allowed)
    keep_row = real[:, None, :, None]  # (B, 1, L, 1): real queries
    output = torch.where(keep_row, output, torch.zeros_like(output))
    weights = torch.where(keep_row, weights, torch.zeros_like(weights))
    return output, weights
''',
    },
    "quiz": {
        "wrong": """quiz_generator = torch.Generator().manual_seed(6)
flat_q, flat_k, flat_v = torch.zeros(6, 4), torch.randn(6, 4, generator=quiz_generator), torch.randn(6, 3, generator=quiz_generator)
quiz_causal = torch.ones(6, 6, dtype=torch.bool).tril()
ramp_q, ramp_k = torch.zeros(2, 4), torch.randn(7, 4, generator=quiz_generator)
ramp_v = torch.arange(7.0).unsqueeze(1)                # (7, 1): the value of position j is j
# Set the six variables below.
predicted_stale_std = 1.0                              # believes the softmax input stays at unit variance
predicted_causal_weight = 1 / 6                        # forgets the causal mask
predicted_cached_output = 2.5
measured_stale_std = dot_product_score_std(256, 10_000, seed=0)[0] / 8
measured_causal_weight = scaled_dot_product_attention(flat_q, flat_k, flat_v, quiz_causal)[1][3, 0].item()
measured_cached_output = cached_attention(ramp_q, ramp_k, ramp_v)[0, 0].item()
""",
        "why": "predicts unit variance although the scale constant no longer matches d_k, and a uniform weight over all six "
               "keys as if there were no causal mask (the measurements are right)",
        "alternative": """quiz_generator = torch.Generator().manual_seed(6)
flat_q, flat_k, flat_v = torch.zeros(6, 4), torch.randn(6, 4, generator=quiz_generator), torch.randn(6, 3, generator=quiz_generator)
quiz_causal = torch.ones(6, 6, dtype=torch.bool).tril()
ramp_q, ramp_k = torch.zeros(2, 4), torch.randn(7, 4, generator=quiz_generator)
ramp_v = torch.arange(7.0).unsqueeze(1)                # (7, 1): the value of position j is j
# Set the six variables below.
predicted_stale_std = 2.0
predicted_causal_weight = 0.25
predicted_cached_output = sum(range(6)) / 6
unscaled, _ = dot_product_score_std(d_k=256, n_samples=10_000, seed=0)
measured_stale_std = float(unscaled / 8)
_, flat_weights = scaled_dot_product_attention(flat_q, flat_k, flat_v, mask=quiz_causal)
measured_causal_weight = float(flat_weights[3][0])
measured_cached_output = float(cached_attention(ramp_q, ramp_k, ramp_v).flatten()[0])
""",
    },
}
