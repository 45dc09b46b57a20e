"""Answer bank of week04_attention_and_transformers day02_self_attention: a plausible wrong answer and a correct alternative per exercise."""

BANK = {
    "softmax": {
        "wrong": '''def softmax(scores, axis=-1):
    """Softmax of `scores` along `axis` (float64, same shape); stable; an all -inf slice gives zeros."""
    scores = np.asarray(scores, dtype=np.float64)
    shifted = scores - scores.max(axis=axis, keepdims=True)
    exponentials = np.exp(shifted)
    return exponentials / exponentials.sum(axis=axis, keepdims=True)
''',
        "why": "no special case for a slice that is all -inf: -inf - (-inf) gives nan instead of zeros",
        "alternative": '''def softmax(scores, axis=-1):
    """Softmax of `scores` along `axis` (float64, same shape); stable; an all -inf slice gives zeros."""
    z = np.moveaxis(np.array(scores, dtype=np.float64), axis, -1)  # a copy, the softmax axis last
    top = np.max(z, axis=-1, keepdims=True)
    top = np.where(np.isfinite(top), top, 0.0)  # an all -inf slice: shift by 0, exp gives zeros
    e = np.exp(z - top)
    total = np.sum(e, axis=-1, keepdims=True)
    result = np.zeros_like(e)
    np.divide(e, total, out=result, where=total != 0)
    return np.moveaxis(result, -1, axis)
''',
        "denied": '''import scipy.special


def softmax(scores, axis=-1):
    """Softmax of `scores` along `axis` (float64, same shape); stable; an all -inf slice gives zeros."""
    scores = np.asarray(scores, dtype=np.float64)
    weights = scipy.special.softmax(scores, axis=axis)  # nan for a slice that is all -inf
    return np.nan_to_num(weights, nan=0.0)
''',
    },
    "qkv_projections": {
        "wrong": '''def qkv_projections(x, W_q, W_k, W_v):
    """Project token vectors x (..., seq, d_model) into (queries, keys, values), each (..., seq, d_k or d_v)."""
    x = np.asarray(x, dtype=np.float64)
    queries = np.einsum("bsd,dk->bsk", x, W_q)
    keys = np.einsum("bsd,dk->bsk", x, W_k)
    values = np.einsum("bsd,dk->bsk", x, W_v)
    return queries, keys, values
''',
        "why": "einsum written for exactly one batch axis: fails on a (seq, d_model) input and on more leading axes",
        "alternative": '''def qkv_projections(x, W_q, W_k, W_v):
    """Project token vectors x (..., seq, d_model) into (queries, keys, values), each (..., seq, d_k or d_v)."""
    tokens = np.asarray(x, dtype=np.float64)

    def project(matrix):
        return np.tensordot(tokens, np.asarray(matrix, dtype=np.float64), axes=([-1], [0]))

    return tuple(project(matrix) for matrix in (W_q, W_k, W_v))
''',
    },
    "self_attention": {
        "wrong": '''def self_attention(x, W_q, W_k, W_v):
    """Single-head self-attention: x (..., seq, d_model) -> (outputs (..., seq, d_v), weights (..., seq, seq))."""
    queries, keys, values = qkv_projections(x, W_q, W_k, W_v)
    d_model = np.asarray(x).shape[-1]
    scores = queries @ keys.swapaxes(-1, -2) / math.sqrt(d_model)
    weights = softmax(scores, axis=-1)
    return weights @ values, weights
''',
        "why": "scales the scores by sqrt(d_model) instead of sqrt(d_k)",
        "alternative": '''def self_attention(x, W_q, W_k, W_v):
    """Single-head self-attention: x (..., seq, d_model) -> (outputs (..., seq, d_v), weights (..., seq, seq))."""
    x = np.asarray(x, dtype=np.float64)
    q = np.einsum("...sd,dk->...sk", x, np.asarray(W_q, dtype=np.float64))
    k = np.einsum("...sd,dk->...sk", x, np.asarray(W_k, dtype=np.float64))
    v = np.einsum("...sd,dk->...sk", x, np.asarray(W_v, dtype=np.float64))
    scores = np.einsum("...ik,...jk->...ij", q, k) * (1.0 / np.sqrt(q.shape[-1]))
    scores = scores - scores.max(axis=-1, keepdims=True)
    weights = np.exp(scores)
    weights = weights / weights.sum(axis=-1, keepdims=True)
    outputs = np.einsum("...ij,...jv->...iv", weights, v)
    return (outputs, weights)
''',
        "denied": '''def self_attention(x, W_q, W_k, W_v):
    """Single-head self-attention: x (..., seq, d_model) -> (outputs (..., seq, d_v), weights (..., seq, seq))."""
    queries, keys, values = qkv_projections(x, W_q, W_k, W_v)
    scores = queries @ keys.swapaxes(-1, -2) / math.sqrt(queries.shape[-1])
    weights = softmax(scores, axis=-1)
    outputs = torch.nn.functional.scaled_dot_product_attention(
        torch.from_numpy(queries), torch.from_numpy(keys), torch.from_numpy(values))  # scales by sqrt(d_k) too
    return outputs.numpy(), weights
''',
    },
    "attend": {
        "wrong": """def attend(queries, keys, values):
    \"\"\"Scaled dot-product attention: (outputs (..., n_q, d_v), weights (..., n_q, n_k)), rows of weights summing to 1.\"\"\"
    q, k, v = (np.asarray(a, dtype=np.float64) for a in (queries, keys, values))
    if q.shape[-1] != k.shape[-1] or k.shape[-2] != v.shape[-2]:
        raise ValueError("shapes do not fit")
    logits = np.matmul(q, np.swapaxes(k, -1, -2)) / np.sqrt(v.shape[-1])   # the size of the VALUES
    weights = softmax(logits, axis=-1)
    return np.matmul(weights, v), weights
""",
        "why": "scales the scores by sqrt(d_v), the size of the values, instead of sqrt(d_k); the two agree only when d_k = d_v",
        "alternative": """def attend(queries, keys, values):
    \"\"\"Scaled dot-product attention: (outputs (..., n_q, d_v), weights (..., n_q, n_k)), rows of weights summing to 1.\"\"\"
    q = np.array(queries, dtype=np.float64)
    k = np.array(keys, dtype=np.float64)
    v = np.array(values, dtype=np.float64)
    if q.shape[-1] != k.shape[-1]:
        raise ValueError("query and key sizes differ")
    if k.shape[-2] != v.shape[-2]:
        raise ValueError("one value per key")
    logits = np.einsum("...id,...jd->...ij", q, k) / np.sqrt(q.shape[-1])
    shifted = np.exp(logits - logits.max(axis=-1, keepdims=True))
    weights = shifted / shifted.sum(axis=-1, keepdims=True)
    return np.einsum("...ij,...jd->...id", weights, v), weights
""",
        "denied": """def attend(queries, keys, values):
    \"\"\"Scaled dot-product attention: (outputs (..., n_q, d_v), weights (..., n_q, n_k)), rows of weights summing to 1.\"\"\"
    q, k, v = (torch.as_tensor(np.asarray(a, dtype=np.float64)) for a in (queries, keys, values))
    if q.shape[-1] != k.shape[-1] or k.shape[-2] != v.shape[-2]:
        raise ValueError("shapes do not fit")
    weights = torch.softmax(q @ k.transpose(-1, -2) / math.sqrt(q.shape[-1]), dim=-1)
    return F.scaled_dot_product_attention(q, k, v).numpy(), weights.numpy()
""",
    },
    "sinusoidal_positional_encoding": {
        "wrong": '''def sinusoidal_positional_encoding(seq_len, d_model, base=10000.0):
    """(seq_len, d_model) float64: column c is sin (c even) or cos (c odd) of p * base**(-2 * (c // 2) / d_model)."""
    width = d_model + d_model % 2  # make it even, drop the extra column at the end
    positions = np.arange(seq_len, dtype=np.float64)[:, None]
    frequencies = float(base) ** (-np.arange(0, width, 2) / width)  # (width / 2,)
    table = np.zeros((seq_len, width))
    table[:, 0::2] = np.sin(positions * frequencies)
    table[:, 1::2] = np.cos(positions * frequencies)
    return table[:, :d_model]
''',
        "why": "an odd d_model is handled by computing d_model + 1 columns and dropping the last, which changes every frequency",
        "alternative": '''def sinusoidal_positional_encoding(seq_len, d_model, base=10000.0):
    """(seq_len, d_model) float64: column c is sin (c even) or cos (c odd) of p * base**(-2 * (c // 2) / d_model)."""
    n_pairs = (d_model + 1) // 2
    pair_index = np.arange(n_pairs, dtype=np.float64)
    omega = np.power(float(base), -2.0 * pair_index / d_model)  # one rate per (sin, cos) pair
    angles = np.outer(np.arange(seq_len, dtype=np.float64), omega)  # (seq_len, n_pairs)
    table = np.empty((seq_len, d_model), dtype=np.float64)
    table[:, 0::2] = np.sin(angles)
    table[:, 1::2] = np.cos(angles[:, :d_model // 2])
    return table
''',
    },
    "quiz": {
        "wrong": """quiz_rng = np.random.default_rng(7)
repeated_sentence = quiz_rng.normal(size=(5, 6))             # (seq, d_model)
repeated_sentence[3] = repeated_sentence[1]                   # the same word at positions 1 and 3
repeated_W = [quiz_rng.normal(size=(6, 4)) for _ in range(3)]
dot_query = np.zeros((1, 16))
dot_query[0, 0] = 2.0
dot_keys = np.zeros((2, 16))
dot_keys[0, 0] = 4.0                                          # q . k_1 = 8, q . k_2 = 0
dot_values = np.eye(2)
# Set the six variables below.
predicted_duplicate_gap = 0.0
predicted_first_weight = 1 / (1 + math.exp(-8))  # forgets the division by sqrt(d_k)
predicted_position_dot = 1.0                     # believes nearby positions always look alike
repeated_outputs, _ = self_attention(repeated_sentence, *repeated_W)
measured_duplicate_gap = float(np.abs(repeated_outputs[1] - repeated_outputs[3]).max())
measured_first_weight = float(attend(dot_query, dot_keys, dot_values)[1][0, 0])
position_table = sinusoidal_positional_encoding(9, 2)
measured_position_dot = float(position_table[5] @ position_table[8])
""",
        "why": "predicts the weight without the division by sqrt(d_k) and a dot product of 1 for positions 3 apart "
               "(the measurements are right)",
        "alternative": """quiz_rng = np.random.default_rng(7)
repeated_sentence = quiz_rng.normal(size=(5, 6))             # (seq, d_model)
repeated_sentence[3] = repeated_sentence[1]                   # the same word at positions 1 and 3
repeated_W = [quiz_rng.normal(size=(6, 4)) for _ in range(3)]
dot_query = np.zeros((1, 16))
dot_query[0, 0] = 2.0
dot_keys = np.zeros((2, 16))
dot_keys[0, 0] = 4.0                                          # q . k_1 = 8, q . k_2 = 0
dot_values = np.eye(2)
# Set the six variables below.
predicted_duplicate_gap = 0.0
predicted_first_weight = math.exp(2) / (math.exp(2) + 1)
predicted_position_dot = -0.99
outputs_of_repeat = self_attention(repeated_sentence, repeated_W[0], repeated_W[1], repeated_W[2])[0]
measured_duplicate_gap = float(np.max(np.abs(outputs_of_repeat[3] - outputs_of_repeat[1])))
_, first_weights = attend(dot_query, dot_keys, dot_values)
measured_first_weight = float(first_weights[0][0])
five, eight = sinusoidal_positional_encoding(9, 2)[[5, 8]]
measured_position_dot = float(np.dot(five, eight))
""",
    },
}
