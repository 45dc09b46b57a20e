"""Answer bank of week05_transformer_architectures day01_what_transformers_do: a plausible wrong answer and a correct alternative per exercise."""

BANK = {
    "word_vector": {
        "wrong": '''def word_vector(hidden_states, offsets, span):
    """Mean of the rows of hidden_states (seq_len, d) whose tokens overlap the characters span = (start, end)."""
    hidden_states = torch.as_tensor(hidden_states)
    offsets = torch.as_tensor(offsets)
    start, end = span
    if start >= end:
        raise ValueError("empty span")
    inside = (offsets[:, 0] >= start) & (offsets[:, 1] <= end)  # tokens that lie inside the word
    if not inside.any():
        raise ValueError("no token in the span")
    return hidden_states[inside].mean(dim=0)
''',
        "why": "tests whether a token lies inside the span: the empty (0, 0) offsets of [CLS], [SEP] and [PAD] pass for a "
               "word that starts at character 0 and join its average, and a span inside one token selects nothing",
        "alternative": '''def word_vector(hidden_states, offsets, span):
    """Mean of the rows of hidden_states (seq_len, d) whose tokens overlap the characters span = (start, end)."""
    states = torch.as_tensor(hidden_states)
    spans = np.asarray(offsets).reshape(-1, 2)
    first, last = span
    if not first < last:
        raise ValueError("the span must have start < end")
    keep = [index for index, (token_start, token_end) in enumerate(spans.tolist())
            if token_end > token_start and max(token_start, first) < min(token_end, last)]  # non-empty overlap
    if len(keep) == 0:
        raise ValueError("no token overlaps the span")
    chosen = states.index_select(0, torch.tensor(keep))
    return chosen.sum(dim=0) / len(keep)
''',
    },
    "cosine_similarity_matrix": {
        "wrong": '''def cosine_similarity_matrix(a, b):
    """(n, d), (m, d) -> (n, m) cosine similarities; a zero vector has similarity 0 with everything."""
    a, b = torch.as_tensor(a), torch.as_tensor(b)
    return (a @ b.T) / (a.norm(dim=1)[:, None] * b.norm(dim=1)[None, :])
''',
        "why": "divides by the lengths without a case for zero vectors: 0/0 gives nan instead of 0",
        "alternative": '''def cosine_similarity_matrix(a, b):
    """(n, d), (m, d) -> (n, m) cosine similarities; a zero vector has similarity 0 with everything."""
    a, b = torch.as_tensor(a), torch.as_tensor(b)
    return F.normalize(a, dim=1) @ F.normalize(b, dim=1).T  # normalize leaves a zero row at zero
''',
        "denied": '''def cosine_similarity_matrix(a, b):
    """(n, d), (m, d) -> (n, m) cosine similarities; a zero vector has similarity 0 with everything."""
    a, b = torch.as_tensor(a), torch.as_tensor(b)
    return F.cosine_similarity(a[:, None, :], b[None, :, :], dim=-1)
''',
    },
    "causal_self_attention": {
        "wrong": '''class CausalSelfAttention(nn.Module):
    """Single-head causal self-attention with nn.MultiheadAttention's parameters: (batch, L, d) -> (batch, L, d)."""

    def __init__(self, d_model):
        super().__init__()
        self.d_model = d_model
        self.in_proj_weight = nn.Parameter(torch.empty(3 * d_model, d_model))
        nn.init.xavier_uniform_(self.in_proj_weight)
        self.in_proj_bias = nn.Parameter(torch.zeros(3 * d_model))
        self.out_proj = nn.Linear(d_model, d_model)
        nn.init.zeros_(self.out_proj.bias)

    def forward(self, x):
        """x (batch, L, d_model) -> (batch, L, d_model); position i attends to positions 0..i only."""
        q, k, v = F.linear(x, self.in_proj_weight, self.in_proj_bias).chunk(3, dim=-1)
        weights = torch.softmax(q @ k.transpose(1, 2) / math.sqrt(self.d_model), dim=-1)  # no mask
        return self.out_proj(weights @ v)
''',
        "why": "no causal mask: every position also attends to the future (an encoder layer, not a causal one)",
        "alternative": '''class CausalSelfAttention(nn.Module):
    """Single-head causal self-attention with nn.MultiheadAttention's parameters: (batch, L, d) -> (batch, L, d)."""

    def __init__(self, d_model):
        super().__init__()
        self.in_proj_weight = nn.Parameter(nn.init.xavier_uniform_(torch.empty(3 * d_model, d_model)))
        self.in_proj_bias = nn.Parameter(torch.zeros(3 * d_model))
        self.out_proj = nn.Linear(d_model, d_model)
        with torch.no_grad():
            self.out_proj.bias.zero_()

    def forward(self, x):
        """x (batch, L, d_model) -> (batch, L, d_model); position i attends to positions 0..i only."""
        d = self.in_proj_weight.shape[1]
        w_q, w_k, w_v = self.in_proj_weight[:d], self.in_proj_weight[d:2 * d], self.in_proj_weight[2 * d:]
        b_q, b_k, b_v = self.in_proj_bias[:d], self.in_proj_bias[d:2 * d], self.in_proj_bias[2 * d:]
        q = torch.einsum("bld,ed->ble", x, w_q) + b_q
        k = torch.einsum("bld,ed->ble", x, w_k) + b_k
        v = torch.einsum("bld,ed->ble", x, w_v) + b_v
        length = x.shape[1]
        additive = torch.full((length, length), float("-inf"), dtype=x.dtype).triu(1)  # 0 on and below the diagonal
        scores = torch.einsum("bid,bjd->bij", q, k) * d ** -0.5 + additive
        return self.out_proj(torch.einsum("bij,bjd->bid", scores.softmax(dim=-1), v))
''',
        "denied": '''class CausalSelfAttention(nn.Module):
    """Single-head causal self-attention with nn.MultiheadAttention's parameters: (batch, L, d) -> (batch, L, d)."""

    def __init__(self, d_model):
        super().__init__()
        self.in_proj_weight = nn.Parameter(torch.empty(3 * d_model, d_model))
        nn.init.xavier_uniform_(self.in_proj_weight)
        self.in_proj_bias = nn.Parameter(torch.zeros(3 * d_model))
        self.out_proj = nn.Linear(d_model, d_model)
        nn.init.zeros_(self.out_proj.bias)

    def forward(self, x):
        """x (batch, L, d_model) -> (batch, L, d_model); position i attends to positions 0..i only."""
        q, k, v = F.linear(x, self.in_proj_weight, self.in_proj_bias).chunk(3, dim=-1)
        return self.out_proj(F.scaled_dot_product_attention(q, k, v, is_causal=True))
''',
    },
    "gru_forward": {
        "wrong": '''def gru_forward(x, weight_ih, weight_hh, bias_ih, bias_hh, h0=None):
    """A GRU layer, the input part computed before the loop: x (B, T, D) -> (outputs (B, T, H), h_n (B, H))."""
    x, weight_ih, weight_hh, bias_ih, bias_hh = (torch.as_tensor(t) for t in (x, weight_ih, weight_hh, bias_ih, bias_hh))
    hidden_size = weight_hh.shape[1]
    h = x.new_zeros(x.shape[0], hidden_size) if h0 is None else torch.as_tensor(h0)
    input_parts = x @ weight_ih.T + bias_ih
    recurrent_parts = h @ weight_hh.T + bias_hh
    states = []
    for t in range(x.shape[1]):
        input_r, input_z, input_n = input_parts[:, t].chunk(3, dim=-1)
        recurrent_r, recurrent_z, recurrent_n = recurrent_parts.chunk(3, dim=-1)
        reset = torch.sigmoid(input_r + recurrent_r)
        update = torch.sigmoid(input_z + recurrent_z)
        candidate = torch.tanh(input_n + reset * recurrent_n)
        h = (1 - update) * candidate + update * h
        states.append(h)
    return torch.stack(states, dim=1), h
''',
        "why": "the given code unchanged: the recurrent part is computed once from h0 before the loop, so every step after "
               "the first reads a stale state",
        "alternative": '''def gru_forward(x, weight_ih, weight_hh, bias_ih, bias_hh, h0=None):
    """A GRU layer, the input part computed before the loop: x (B, T, D) -> (outputs (B, T, H), h_n (B, H))."""
    x = torch.as_tensor(x)
    w_ih, w_hh, b_ih, b_hh = (torch.as_tensor(t) for t in (weight_ih, weight_hh, bias_ih, bias_hh))
    size = w_hh.shape[1]
    state = torch.zeros(x.shape[0], size, dtype=x.dtype) if h0 is None else torch.as_tensor(h0)
    projected = torch.einsum("btd,gd->btg", x, w_ih) + b_ih  # (B, T, 3H)
    outputs = []
    for step in projected.unbind(dim=1):
        recurrent = torch.addmm(b_hh, state, w_hh.T)  # (B, 3H), from the previous state
        i_r, i_z, i_n = step.split(size, dim=-1)
        h_r, h_z, h_n = recurrent.split(size, dim=-1)
        r = torch.sigmoid(i_r + h_r)
        z = torch.sigmoid(i_z + h_z)
        n = torch.tanh(i_n + r * h_n)
        state = n + z * (state - n)  # (1 - z) n + z h, rearranged
        outputs.append(state)
    return torch.stack(outputs, dim=1), state
''',
        "denied": '''def gru_forward(x, weight_ih, weight_hh, bias_ih, bias_hh, h0=None):
    """A GRU layer, the input part computed before the loop: x (B, T, D) -> (outputs (B, T, H), h_n (B, H))."""
    x = torch.as_tensor(x)
    weight_hh = torch.as_tensor(weight_hh)
    hidden_size, input_size = weight_hh.shape[1], x.shape[-1]
    gru = nn.GRU(input_size, hidden_size, batch_first=True).to(x.dtype)
    with torch.no_grad():
        for name, value in zip(["weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0"],
                               [weight_ih, weight_hh, bias_ih, bias_hh]):
            getattr(gru, name).copy_(torch.as_tensor(value))
        outputs, h_n = gru(x, None if h0 is None else torch.as_tensor(h0)[None])
    return outputs, h_n[0]
''',
    },
    "layer_costs": {
        "wrong": '''def layer_costs(kind, seq_len, d_model, num_layers=1):
    """{"multiply_adds", "sequential_steps"} of a stack of GRU or self-attention layers over one sequence."""
    if min(seq_len, d_model, num_layers) < 1:
        raise ValueError("sizes must be at least 1")
    if kind == "gru":
        return {"multiply_adds": num_layers * 6 * seq_len * d_model**2, "sequential_steps": num_layers * seq_len}
    if kind == "self_attention":
        return {"multiply_adds": num_layers * (4 * seq_len * d_model**2 + 2 * seq_len**2 * d_model),
                "sequential_steps": num_layers}
    raise ValueError(f"unknown kind {kind!r}")
''',
        "why": "a GRU stack needs N x L steps only if each layer waits for the whole layer below; the wavefront needs L + N - 1",
        "alternative": '''def layer_costs(kind, seq_len, d_model, num_layers=1):
    """{"multiply_adds", "sequential_steps"} of a stack of GRU or self-attention layers over one sequence."""
    sizes = {"seq_len": seq_len, "d_model": d_model, "num_layers": num_layers}
    too_small = [name for name, value in sizes.items() if value < 1]
    if too_small:
        raise ValueError(f"{too_small[0]} must be positive")
    formulas = {
        "gru": (lambda L, d: 3 * (L * d * d) * 2, lambda L, N: N + L - 1),
        "self_attention": (lambda L, d: L * d * (4 * d + 2 * L), lambda L, N: N),
    }
    if kind not in formulas:
        raise ValueError(f"kind {kind!r} is neither 'gru' nor 'self_attention'")
    macs, steps = formulas[kind]
    return {"sequential_steps": int(steps(seq_len, num_layers)),
            "multiply_adds": int(num_layers) * int(macs(seq_len, d_model))}
''',
    },
    "check_understanding": {
        "wrong": '''# Set predicted_flop_ratio and bidirectional_gru_steps first; then measure measured_flop_ratio with FlopCounterMode.
predicted_flop_ratio = 4 / 3  # (4 d + 2 L) / (6 d): one GRU's worth of multiply-adds
bidirectional_gru_steps = 101  # the wavefront L + N - 1


def _flops(run):
    with torch.no_grad(), FlopCounterMode(display=False) as counter:
        run()
    return counter.get_total_flops()


_x = torch.randn(1, 96, 48)
_weights = [torch.randn(144, 48), torch.randn(144, 48), torch.randn(144), torch.randn(144)]
measured_flop_ratio = float(_flops(lambda: CausalSelfAttention(48)(_x)) / _flops(lambda: gru_forward(_x, *_weights)))
''',
        "why": "counts the bidirectional GRU as one direction (ratio 4/3 instead of 2/3) and assumes the unidirectional "
               "wavefront (101 steps) although layer 2 needs layer 1's backward direction, finished only at step 100",
        "alternative": '''# Set predicted_flop_ratio and bidirectional_gru_steps first; then measure measured_flop_ratio with FlopCounterMode.
predicted_flop_ratio = 0.667
bidirectional_gru_steps = 2 * 100

generator = torch.Generator().manual_seed(7)
tokens = torch.randn(1, 96, 48, generator=generator)
directions = [[torch.randn(shape, generator=generator) for shape in [(144, 48), (144, 48), (144,), (144,)]]
              for _ in range(2)]
with torch.no_grad():
    with FlopCounterMode(display=False) as attention_counter:
        CausalSelfAttention(48)(tokens)
    with FlopCounterMode(display=False) as forward_counter:
        gru_forward(tokens, *directions[0])
    with FlopCounterMode(display=False) as backward_counter:
        gru_forward(torch.flip(tokens, dims=[1]), *directions[1])
measured_flop_ratio = attention_counter.get_total_flops() / (forward_counter.get_total_flops()
                                                             + backward_counter.get_total_flops())
''',
    },
}
