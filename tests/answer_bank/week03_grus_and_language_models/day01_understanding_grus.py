"""Answer bank of week03_grus_and_language_models day01_understanding_grus: a plausible wrong answer and a correct alternative per exercise."""

BANK = {
    "gru_step": {
        "denied": '''def gru_step(x, h, W, U, b_ih, b_hh):
    """One GRU step in PyTorch's convention (blocks r, z, n): the new hidden state (B, H), float64.

    x: (B, D); h: (B, H); W: (3H, D); U: (3H, H); b_ih, b_hh: (3H,).
    """
    x, h, W, U, b_ih, b_hh = (torch.as_tensor(np.asarray(a, dtype=np.float64)) for a in (x, h, W, U, b_ih, b_hh))
    cell = torch.nn.GRUCell(W.shape[1], U.shape[1]).double()  # the library's own GRU step
    with torch.no_grad():
        for name, value in [("weight_ih", W), ("weight_hh", U), ("bias_ih", b_ih), ("bias_hh", b_hh)]:
            getattr(cell, name).copy_(value)
        return cell(x, h).numpy()
''',
        "wrong": '''def gru_step(x, h, W, U, b_ih, b_hh):
    """One GRU step in PyTorch's convention (blocks r, z, n): the new hidden state (B, H), float64.

    x: (B, D); h: (B, H); W: (3H, D); U: (3H, H); b_ih, b_hh: (3H,).
    """
    x, h, W, U = (np.asarray(a, dtype=np.float64) for a in (x, h, W, U))
    bias = np.asarray(b_ih, dtype=np.float64) + np.asarray(b_hh, dtype=np.float64)  # one bias, as for the LSTM
    hidden = h.shape[1]
    gates_x = x @ W.T + bias
    gates_h = h @ U.T
    reset = expit(gates_x[:, :hidden] + gates_h[:, :hidden])
    update = expit(gates_x[:, hidden:2 * hidden] + gates_h[:, hidden:2 * hidden])
    candidate = np.tanh(gates_x[:, 2 * hidden:] + reset * gates_h[:, 2 * hidden:])
    return (1.0 - update) * candidate + update * h
''',
        "why": "merges b_ih and b_hh into one bias, so b_hn is added outside the reset product",
        "alternative": '''def gru_step(x, h, W, U, b_ih, b_hh):
    """One GRU step in PyTorch's convention (blocks r, z, n): the new hidden state (B, H), float64.

    x: (B, D); h: (B, H); W: (3H, D); U: (3H, H); b_ih, b_hh: (3H,).
    """
    x = np.asarray(x, dtype=np.float64)
    h = np.asarray(h, dtype=np.float64)
    n_hidden = h.shape[-1]
    from_input = np.einsum("bd,gd->bg", x, np.asarray(W, dtype=np.float64)) + np.asarray(b_ih, dtype=np.float64)
    from_state = np.einsum("bk,gk->bg", h, np.asarray(U, dtype=np.float64)) + np.asarray(b_hh, dtype=np.float64)
    blocks_x = from_input.reshape(x.shape[0], 3, n_hidden)  # [:, 0] r, [:, 1] z, [:, 2] n
    blocks_h = from_state.reshape(h.shape[0], 3, n_hidden)
    r = expit(blocks_x[:, 0] + blocks_h[:, 0])
    z = expit(blocks_x[:, 1] + blocks_h[:, 1])
    n = np.tanh(blocks_x[:, 2] + r * blocks_h[:, 2])
    return n + z * (h - n)  # = (1 - z) n + z h
''',
    },
    "gru_step_original": {
        "wrong": '''def gru_step_original(x, h, W, U, b_ih, b_hh):
    """One step of Cho et al.'s GRU (reset applied to h before W_hn), PyTorch's layout (r, z, n): (B, H) float64."""
    x, h, W, U, b_ih, b_hh = (np.asarray(a, dtype=np.float64) for a in (x, h, W, U, b_ih, b_hh))
    H = h.shape[1]
    r = expit(x @ W[:H].T + b_ih[:H] + h @ U[:H].T + b_hh[:H])
    z = expit(x @ W[H:2 * H].T + b_ih[H:2 * H] + h @ U[H:2 * H].T + b_hh[H:2 * H])
    n = np.tanh(x @ W[2 * H:].T + b_ih[2 * H:] + (r * h) @ U[2 * H:].T)  # the paper has no b_hn
    return (1.0 - z) * n + z * h
''',
        "why": "leaves out b_hn in the candidate (the paper writes no biases)",
        "alternative": '''def gru_step_original(x, h, W, U, b_ih, b_hh):
    """One step of Cho et al.'s GRU (reset applied to h before W_hn), PyTorch's layout (r, z, n): (B, H) float64."""
    x, h = np.asarray(x, dtype=np.float64), np.asarray(h, dtype=np.float64)
    W, U = np.asarray(W, dtype=np.float64), np.asarray(U, dtype=np.float64)
    b_ih, b_hh = np.asarray(b_ih, dtype=np.float64), np.asarray(b_hh, dtype=np.float64)
    H = h.shape[1]
    W_r, W_z, W_n = W[:H], W[H:2 * H], W[2 * H:]
    U_r, U_z, U_n = U[:H], U[H:2 * H], U[2 * H:]
    r = expit(x @ W_r.T + h @ U_r.T + b_ih[:H] + b_hh[:H])
    z = expit(x @ W_z.T + h @ U_z.T + b_ih[H:2 * H] + b_hh[H:2 * H])
    n = np.tanh(x @ W_n.T + b_ih[2 * H:] + np.einsum("bk,jk->bj", r * h, U_n) + b_hh[2 * H:])
    return z * h + (1.0 - z) * n
''',
    },
    "gru_sequence": {
        "denied": '''def gru_sequence(x, h0, W, U, b_ih, b_hh):
    """Run a GRU layer over x (T, B, D) from h0 (B, H) or zeros: (states (T, B, H), h_last (B, H)), float64."""
    x, W, U, b_ih, b_hh = (torch.as_tensor(np.asarray(a, dtype=np.float64)) for a in (x, W, U, b_ih, b_hh))
    steps, batch, hidden = x.shape[0], x.shape[1], U.shape[1]
    if h0 is None:
        h = torch.zeros(1, batch, hidden, dtype=torch.float64)
    else:
        h = torch.as_tensor(np.array(h0, dtype=np.float64))[None]  # (1, B, H), a copy
    if steps == 0:
        return np.zeros((0, batch, hidden)), h[0].numpy()
    layer = torch.nn.GRU(W.shape[1], hidden).double()  # time first, like x
    with torch.no_grad():
        for name, value in [("weight_ih_l0", W), ("weight_hh_l0", U), ("bias_ih_l0", b_ih), ("bias_hh_l0", b_hh)]:
            getattr(layer, name).copy_(value)
        states, h_n = layer(x, h)
    return states.numpy(), h_n[0].numpy()
''',
        "wrong": '''def gru_sequence(x, h0, W, U, b_ih, b_hh):
    """Run a GRU layer over x (T, B, D) from h0 (B, H) or zeros: (states (T, B, H), h_last (B, H)), float64."""
    x = np.asarray(x, dtype=np.float64)
    h = np.zeros((x.shape[1], np.shape(U)[1])) if h0 is None else np.asarray(h0, dtype=np.float64)
    outputs = []
    for x_t in x:
        h = gru_step(x_t, h, W, U, b_ih, b_hh)
        outputs.append(h)
    states = np.stack(outputs)
    return states, states[-1]
''',
        "why": "np.stack of an empty list and states[-1] fail for T = 0",
        "alternative": '''def gru_sequence(x, h0, W, U, b_ih, b_hh):
    """Run a GRU layer over x (T, B, D) from h0 (B, H) or zeros: (states (T, B, H), h_last (B, H)), float64."""
    x = np.asarray(x, dtype=np.float64)
    n_steps, n_batch = x.shape[:2]
    n_hidden = np.asarray(U).shape[1]
    if h0 is None:
        state = np.zeros((n_batch, n_hidden), dtype=np.float64)
    else:
        state = np.asarray(h0, dtype=np.float64).copy()
    collected = []
    t = 0
    while t < n_steps:
        state = gru_step(x[t], state, W, U, b_ih, b_hh)
        collected.append(state)
        t += 1
    states = np.array(collected, dtype=np.float64).reshape(n_steps, n_batch, n_hidden)
    return states, state
''',
    },
    "recurrent_costs": {
        "denied": '''def recurrent_costs(kind, input_size, hidden_size, num_layers=1, bidirectional=False):
    """{"parameters", "multiply_adds", "state_size"} of nn.RNN / nn.GRU / nn.LSTM(input_size, hidden_size, ...)."""
    modules = {"rnn": torch.nn.RNN, "gru": torch.nn.GRU, "lstm": torch.nn.LSTM}
    if kind not in modules:
        raise ValueError(f"kind must be 'rnn', 'gru' or 'lstm', not {kind!r}")
    module = modules[kind](input_size, hidden_size, num_layers=num_layers, bidirectional=bidirectional)  # build it, then count
    parameters = sum(p.numel() for p in module.parameters())
    multiply_adds = sum(p.numel() for name, p in module.named_parameters() if name.startswith("weight"))
    carried = num_layers * (2 if bidirectional else 1) * hidden_size * (2 if kind == "lstm" else 1)
    return {"parameters": int(parameters), "multiply_adds": int(multiply_adds), "state_size": int(carried)}
''',
        "wrong": '''def recurrent_costs(kind, input_size, hidden_size, num_layers=1, bidirectional=False):
    """{"parameters", "multiply_adds", "state_size"} of nn.RNN / nn.GRU / nn.LSTM(input_size, hidden_size, ...)."""
    blocks = {"rnn": 1, "gru": 3, "lstm": 4}
    if kind not in blocks:
        raise ValueError(f"unknown kind {kind!r}")
    G = blocks[kind]
    directions = 2 if bidirectional else 1
    weights = 0
    for layer in range(num_layers):
        inputs = input_size if layer == 0 else hidden_size  # the next layer reads the hidden state
        weights += directions * G * hidden_size * (inputs + hidden_size)
    biases = num_layers * directions * 2 * G * hidden_size
    state = num_layers * directions * hidden_size * (2 if kind == "lstm" else 1)
    return {"parameters": weights + biases, "multiply_adds": weights, "state_size": state}
''',
        "why": "upper layers of a bidirectional stack read H features instead of 2H (both directions)",
        "alternative": '''def recurrent_costs(kind, input_size, hidden_size, num_layers=1, bidirectional=False):
    """{"parameters", "multiply_adds", "state_size"} of nn.RNN / nn.GRU / nn.LSTM(input_size, hidden_size, ...)."""
    if kind == "rnn":
        gates = 1
    elif kind == "gru":
        gates = 3
    elif kind == "lstm":
        gates = 4
    else:
        raise ValueError("kind must be one of 'rnn', 'gru', 'lstm'")
    D, H, L = int(input_size), int(hidden_size), int(num_layers)
    dirs = 1 + int(bool(bidirectional))
    first_layer = gates * H * (D + H)  # one direction of layer 1
    upper_layer = gates * H * (dirs * H + H)  # one direction of a layer that reads every direction below
    matrices = dirs * (first_layer + (L - 1) * upper_layer)
    bias_vectors = dirs * L * 2 * gates * H
    carried = dirs * L * H + (dirs * L * H if kind == "lstm" else 0)  # h, and c for the LSTM
    return dict(parameters=matrices + bias_vectors, multiply_adds=matrices, state_size=carried)
''',
    },
    "quiz": {
        "wrong": '''# Set each variable to "a", "b" or "c".
q1_update_gate = "b"
q2_same_placement = "b"
q3_merge_biases = "b"
''',
        "why": "q2: zero input biases do not make the two placements agree (b_hn and the non-diagonal W_hn still differ)",
        "alternative": '''# Set each variable to "a", "b" or "c".
choices = "abc"
q1_update_gate = choices[1]
q2_same_placement = choices[0]
q3_merge_biases = choices[1]
''',
    },
}
