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
    "keras_to_torch_gru": {
        "wrong": '''def keras_to_torch_gru(kernel, recurrent_kernel, bias):
    """Keras GRU weights (kernel (D, 3H), recurrent_kernel (H, 3H), bias (2, 3H), blocks z, r, h) in PyTorch's
    layout and order r, z, n: a tuple (W (3H, D), U (3H, H), b_ih (3H,), b_hh (3H,)) of float64 arrays."""
    kernel, recurrent_kernel, bias = (np.asarray(a, dtype=np.float64) for a in (kernel, recurrent_kernel, bias))
    hidden = recurrent_kernel.shape[0]
    if kernel.shape[1] != 3 * hidden or recurrent_kernel.shape != (hidden, 3 * hidden) or bias.shape != (2, 3 * hidden):
        raise ValueError("shapes do not fit")
    order = np.r_[hidden:2 * hidden, 0:hidden, 2 * hidden:3 * hidden]
    merged = bias[0] + bias[1]                       # one bias vector, as for an LSTM
    return (kernel[:, order].T.copy(), recurrent_kernel[:, order].T.copy(), merged[order], np.zeros(3 * hidden))
''',
        "why": "reorders the blocks but merges the two bias vectors into b_ih: right for r and z, wrong for the candidate, "
               "where b_hn is scaled by the reset gate",
        "alternative": '''def keras_to_torch_gru(kernel, recurrent_kernel, bias):
    """Keras GRU weights (kernel (D, 3H), recurrent_kernel (H, 3H), bias (2, 3H), blocks z, r, h) in PyTorch's
    layout and order r, z, n: a tuple (W (3H, D), U (3H, H), b_ih (3H,), b_hh (3H,)) of float64 arrays."""
    kernel = np.array(kernel, dtype=float)
    recurrent_kernel = np.array(recurrent_kernel, dtype=float)
    bias = np.array(bias, dtype=float)
    if recurrent_kernel.ndim != 2 or kernel.ndim != 2 or bias.ndim != 2:
        raise ValueError("kernel, recurrent_kernel and bias must be 2-D")
    H = recurrent_kernel.shape[0]
    if kernel.shape[1] != 3 * H or recurrent_kernel.shape[1] != 3 * H or bias.shape != (2, 3 * H):
        raise ValueError("kernel (D, 3H), recurrent_kernel (H, 3H), bias (2, 3H)")

    def swap_first_two(columns):  # (.., 3H) in z, r, h -> (.., 3H) in r, z, n
        z_part, r_part, n_part = np.split(columns, 3, axis=-1)
        return np.concatenate([r_part, z_part, n_part], axis=-1)

    return swap_first_two(kernel).T, swap_first_two(recurrent_kernel).T, swap_first_two(bias[0]), swap_first_two(bias[1])
''',
    },
    "quiz": {
        "wrong": '''quiz_W = np.array([[0.5, 0.5], [1.0, -1.0], [0.5, -0.5]])  # section 2, rows r, z, n
quiz_U = np.array([[2.0], [0.0], [2.0]])
quiz_b_ih, quiz_b_hh = np.array([0.0, 0.0, -1.0]), np.array([0.0, 0.0, 1.0])
quiz_latch_W = np.array([[0.0, 0.0], [-14.0, 0.0], [0.0, 3.0]])  # section 3's latch, rows r, z, n
quiz_latch_inputs = np.zeros((51, 1, 2))  # (T, B = 1, D = 2): a write step, then 50 silent steps
quiz_latch_inputs[0, 0] = [1.0, 0.7]
# Set the six variables below.
predicted_quiet_step = 0.5 * math.tanh(-1 + 0.5 * 1)
predicted_gru_parameters = 2 * 3 * 100 * (50 + 100 + 2) * 2      # thinks layer 2 reads H = 100 inputs, like layer 1
predicted_latch_state = math.tanh(3 * 0.7)                        # thinks the latch holds its value perfectly
measured_quiet_step = float(gru_step(np.zeros((1, 2)), np.zeros((1, 1)), quiz_W, quiz_U, quiz_b_ih, quiz_b_hh)[0, 0])
measured_gru_parameters = recurrent_costs("gru", 50, 100, num_layers=2, bidirectional=True)["parameters"]
measured_latch_state = float(gru_sequence(quiz_latch_inputs, None, quiz_latch_W, np.zeros((3, 1)),
                                          np.array([10.0, 5.0, 0.0]), np.zeros(3))[1][0, 0])
''',
        "why": "predicts the second layer's input size as H instead of 2H, and a latch with z = sigma(5) that keeps its value "
               "for ever instead of losing 0.7% per step",
        "alternative": '''quiz_W = np.array([[0.5, 0.5], [1.0, -1.0], [0.5, -0.5]])  # section 2, rows r, z, n
quiz_U = np.array([[2.0], [0.0], [2.0]])
quiz_b_ih, quiz_b_hh = np.array([0.0, 0.0, -1.0]), np.array([0.0, 0.0, 1.0])
quiz_latch_W = np.array([[0.0, 0.0], [-14.0, 0.0], [0.0, 3.0]])  # section 3's latch, rows r, z, n
quiz_latch_inputs = np.zeros((51, 1, 2))  # (T, B = 1, D = 2): a write step, then 50 silent steps
quiz_latch_inputs[0, 0] = [1.0, 0.7]
# Set the six variables below.
r = z = 1 / (1 + math.exp(0.0))
predicted_quiet_step = float((1 - z) * math.tanh(-1.0 + r * 1.0) + z * 0.0)
H, D = 100, 50
predicted_gru_parameters = int(2 * (3 * H * (D + H) + 6 * H) + 2 * (3 * H * (2 * H + H) + 6 * H))
hold = 1 / (1 + math.exp(-5.0))
predicted_latch_state = float(math.tanh(2.1) * math.exp(50 * math.log(hold)))
one_step = gru_step(x=np.array([[0.0, 0.0]]), h=np.array([[0.0]]), W=quiz_W, U=quiz_U, b_ih=quiz_b_ih, b_hh=quiz_b_hh)
measured_quiet_step = one_step.item()
measured_gru_parameters = int(recurrent_costs("gru", 50, 100, 2, True)["parameters"])
states, last = gru_sequence(quiz_latch_inputs, np.zeros((1, 1)), quiz_latch_W, np.zeros((3, 1)),
                            np.array([10.0, 5.0, 0.0]), np.zeros(3))
measured_latch_state = float(states[-1].item())
''',
    },
}
