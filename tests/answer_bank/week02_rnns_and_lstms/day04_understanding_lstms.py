"""Answer bank of week02_rnns_and_lstms day04_understanding_lstms: a plausible wrong answer and a correct alternative per exercise."""

BANK = {
    "lstm_step": {
        "wrong": '''# The hidden tests also call lstm_step through lstm_step_raising_on_warnings (the cell above).
def lstm_step(x_t, h_prev, c_prev, W, U, b):
    """One LSTM step for a batch: (h_t, c_t, {"i", "f", "g", "o"}), gate rows stacked in the order i, f, g, o.

    x_t: (B, D); h_prev, c_prev: (B, H); W: (4H, D); U: (4H, H); b: (4H,). All outputs are float64, (B, H).
    """
    def sigmoid(z):
        return 1.0 / (1.0 + np.exp(-z))

    z = x_t @ W.T + h_prev @ U.T + b
    H = h_prev.shape[1]
    gates = {"i": sigmoid(z[:, :H]), "f": sigmoid(z[:, H:2 * H]), "g": np.tanh(z[:, 2 * H:3 * H]),
             "o": sigmoid(z[:, 3 * H:])}
    c_t = gates["f"] * c_prev + gates["i"] * gates["g"]
    h_t = gates["o"] * np.tanh(c_t)
    return h_t, c_t, gates
''',
        "why": "textbook sigmoid 1 / (1 + exp(-z)): exp overflows (RuntimeWarning) for large negative pre-activations",
        "alternative": '''# The hidden tests also call lstm_step through lstm_step_raising_on_warnings (the cell above).
def lstm_step(x_t, h_prev, c_prev, W, U, b):
    """One LSTM step for a batch: (h_t, c_t, {"i", "f", "g", "o"}), gate rows stacked in the order i, f, g, o.

    x_t: (B, D); h_prev, c_prev: (B, H); W: (4H, D); U: (4H, H); b: (4H,). All outputs are float64, (B, H).
    """
    x_t, h_prev, c_prev = (np.asarray(a, dtype=np.float64) for a in (x_t, h_prev, c_prev))
    stacked = np.concatenate([np.asarray(W, dtype=np.float64), np.asarray(U, dtype=np.float64)], axis=1)  # (4H, D + H)
    z = np.concatenate([x_t, h_prev], axis=1) @ stacked.T + np.asarray(b, dtype=np.float64)  # (B, 4H)
    z = z.reshape(z.shape[0], 4, -1)  # (B, gate, H), gates in the order i, f, g, o
    squashed = 0.5 * (1.0 + np.tanh(0.5 * z))  # sigmoid(z) = (1 + tanh(z / 2)) / 2: never overflows
    gates = {"i": squashed[:, 0], "f": squashed[:, 1], "g": np.tanh(z[:, 2]), "o": squashed[:, 3]}
    c_t = gates["f"] * c_prev + gates["i"] * gates["g"]
    return gates["o"] * np.tanh(c_t), c_t, gates
''',
    },
    "count_lstm_parameters": {
        "denied": '''def count_lstm_parameters(input_size, hidden_size, bias=True, num_layers=1):
    """Number of trainable parameters of torch.nn.LSTM(input_size, hidden_size, num_layers=..., bias=...)."""
    lstm = torch.nn.LSTM(input_size, hidden_size, num_layers=num_layers, bias=bias)
    return sum(parameter.numel() for parameter in lstm.parameters() if parameter.requires_grad)
''',
        "wrong": '''def count_lstm_parameters(input_size, hidden_size, bias=True, num_layers=1):
    """Number of trainable parameters of torch.nn.LSTM(input_size, hidden_size, num_layers=..., bias=...)."""
    total = 0
    for layer in range(num_layers):
        layer_input = input_size if layer == 0 else hidden_size
        total += 4 * hidden_size * (layer_input + hidden_size)
        if bias:
            total += 4 * hidden_size
    return total
''',
        "why": "counts one bias vector per layer; PyTorch has two (bias_ih and bias_hh)",
        "alternative": '''def count_lstm_parameters(input_size, hidden_size, bias=True, num_layers=1):
    """Number of trainable parameters of torch.nn.LSTM(input_size, hidden_size, num_layers=..., bias=...)."""
    biases = 2 if bias else 0
    first = 4 * hidden_size * (input_size + hidden_size + biases)
    later = 4 * hidden_size * (hidden_size + hidden_size + biases)
    return int(first + (num_layers - 1) * later)
''',
    },
    "lstm_sequence": {
        "wrong": '''def lstm_sequence(x, h0, c0, W, U, b):
    """Run an LSTM over x (B, T, D) from (h0, c0): hidden states (B, T, H), cell states (B, T, H), (h_T, c_T)."""
    h_t, c_t = np.asarray(h0, dtype=np.float64), np.asarray(c0, dtype=np.float64)
    hidden_list, cell_list = [], []
    for t in range(x.shape[1]):
        h_t, c_t, _ = lstm_step(x[:, t], h_t, c_t, W, U, b)
        hidden_list.append(h_t)
        cell_list.append(c_t)
    return np.stack(hidden_list, axis=1), np.stack(cell_list, axis=1), (h_t, c_t)
''',
        "why": "np.stack of an empty list: T = 0 raises ValueError instead of returning (B, 0, H) states",
        "alternative": '''def lstm_sequence(x, h0, c0, W, U, b):
    """Run an LSTM over x (B, T, D) from (h0, c0): hidden states (B, T, H), cell states (B, T, H), (h_T, c_T)."""
    x = np.asarray(x, dtype=np.float64)
    h, c = np.array(h0, dtype=np.float64), np.array(c0, dtype=np.float64)
    hs, cs = [], []
    for x_t in np.moveaxis(x, 1, 0):  # one (B, D) slice per time step
        h, c, _ = lstm_step(x_t, h, c, W, U, b)
        hs.append(h)
        cs.append(c)
    empty = np.empty((x.shape[0], 0, h.shape[1]))
    hidden_states = np.stack(hs, axis=1) if hs else empty
    cell_states = np.stack(cs, axis=1) if cs else empty.copy()
    return hidden_states, cell_states, (h, c)
''',
    },
    "cell_gradient_norms": {
        "wrong": '''def cell_gradient_norms(x, h0, c0, W, U, b):
    """Frobenius norms of d c_t / d c_0 for t = 1..T (float64, shape (T,)) for one sequence x (T, D)."""
    x, h, c = (np.asarray(a, dtype=np.float64) for a in (x, h0, c0))
    H = h.shape[0]
    forget_gates = []
    for x_t in x:
        z = W @ x_t + U @ h + b
        i, f, o = (1 / (1 + np.exp(-z[k * H:(k + 1) * H])) for k in (0, 1, 3))
        g = np.tanh(z[2 * H:3 * H])
        c = f * c + i * g
        h = o * np.tanh(c)
        forget_gates.append(f)
    forget_gates = np.array(forget_gates).reshape(len(x), H)
    return np.linalg.norm(np.cumprod(forget_gates, axis=0), axis=1)  # d c_t / d c_0 = diag(f_1 ... f_t)
''',
        "why": "keeps only the direct path through the cell (product of forget gates), ignoring the paths through h and the gates",
        "alternative": '''def cell_gradient_norms(x, h0, c0, W, U, b):
    """Frobenius norms of d c_t / d c_0 for t = 1..T (float64, shape (T,)) for one sequence x (T, D)."""
    x, h, c, W, U, b = (np.asarray(a, dtype=np.float64) for a in (x, h0, c0, W, U, b))
    H = h.shape[0]

    def sigmoid(z):
        return 0.5 * (1.0 + np.tanh(0.5 * z))

    # Forward-mode differentiation by hand: carry dc/dc0 and dh/dc0 (both (H, H)) along the sequence.
    dc, dh = np.eye(H), np.zeros((H, H))
    norms = []
    for x_t in x:
        z = W @ x_t + U @ h + b
        dz = U @ dh  # (4H, H)
        i, f, o = sigmoid(z[:H]), sigmoid(z[H:2 * H]), sigmoid(z[3 * H:])
        g = np.tanh(z[2 * H:3 * H])
        di = (i * (1 - i))[:, None] * dz[:H]
        df = (f * (1 - f))[:, None] * dz[H:2 * H]
        dg = (1 - g ** 2)[:, None] * dz[2 * H:3 * H]
        do = (o * (1 - o))[:, None] * dz[3 * H:]
        dc = df * c[:, None] + f[:, None] * dc + di * g[:, None] + i[:, None] * dg
        c = f * c + i * g
        tanh_c = np.tanh(c)
        dh = do * tanh_c[:, None] + (o * (1 - tanh_c ** 2))[:, None] * dc
        h = o * tanh_c
        norms.append(np.sqrt(np.sum(dc ** 2)))
    return np.array(norms, dtype=np.float64)
''',
    },
    "lstm_gate_activations": {
        "wrong": '''def lstm_gate_activations(x, weight_ih, weight_hh, bias_ih, bias_hh):
    """Gate activations {"i", "f", "g", "o"}, each (B, T, H) float64, of a one-layer nn.LSTM from zero states."""
    x = np.asarray(x, dtype=np.float64)
    batch, steps = x.shape[0], x.shape[1]
    hidden = np.shape(weight_hh)[1]
    h_t, c_t = np.zeros((batch, hidden)), np.zeros((batch, hidden))
    gates = {name: np.zeros((batch, steps, hidden)) for name in "ifgo"}
    for t in range(steps):
        h_t, c_t, step_gates = lstm_step(x[:, t], h_t, c_t, weight_ih, weight_hh, bias_ih)
        for name in "ifgo":
            gates[name][:, t] = step_gates[name]
    return gates
''',
        "why": "uses bias_ih only and forgets bias_hh (PyTorch adds the two biases)",
        "alternative": '''def lstm_gate_activations(x, weight_ih, weight_hh, bias_ih, bias_hh):
    """Gate activations {"i", "f", "g", "o"}, each (B, T, H) float64, of a one-layer nn.LSTM from zero states."""
    x = np.asarray(x, dtype=np.float64)
    W_ih, W_hh = np.asarray(weight_ih, dtype=np.float64), np.asarray(weight_hh, dtype=np.float64)
    bias = np.asarray(bias_ih, dtype=np.float64) + np.asarray(bias_hh, dtype=np.float64)
    H = W_hh.shape[1]
    from_inputs = x @ W_ih.T + bias  # (B, T, 4H): everything that does not depend on the state
    h = np.zeros((x.shape[0], H))
    c = np.zeros((x.shape[0], H))
    history = {name: [] for name in ("i", "f", "g", "o")}
    for t in range(x.shape[1]):
        z = from_inputs[:, t] + h @ W_hh.T
        i, f, o = (0.5 * (1.0 + np.tanh(0.5 * z[:, k * H:(k + 1) * H])) for k in (0, 1, 3))
        g = np.tanh(z[:, 2 * H:3 * H])
        c = f * c + i * g
        h = o * np.tanh(c)
        for name, value in zip("ifgo", (i, f, g, o)):
            history[name].append(value)
    return {name: np.stack(values, axis=1) for name, values in history.items()}
''',
    },
    "to_pytorch_gate_order": {
        "wrong": '''def to_pytorch_gate_order(stacked, order):
    """Rows of `stacked` (4H blocks in the gate order `order`, e.g. "iofg") rearranged into PyTorch's order i, f, g, o."""
    values = np.array(stacked, dtype=np.float64)
    if not isinstance(order, str) or sorted(order) != ["f", "g", "i", "o"]:
        raise ValueError("order must rearrange i, f, g, o")
    if values.ndim == 0 or values.shape[0] == 0 or values.shape[0] % 4:
        raise ValueError("need 4H rows")
    parts = np.split(values, 4, axis=-1)  # splits the LAST axis: the columns of a matrix
    return np.concatenate([parts[order.index(gate)] for gate in "ifgo"], axis=-1)
''',
        "why": "cuts and reassembles the blocks along the last axis, so for a (4H, D) weight matrix it shuffles columns "
               "(or fails) instead of moving blocks of rows; only biases come out right",
        "alternative": '''def to_pytorch_gate_order(stacked, order):
    """Rows of `stacked` (4H blocks in the gate order `order`, e.g. "iofg") rearranged into PyTorch's order i, f, g, o."""
    matrix = np.array(stacked, dtype=float)
    if type(order) is not str or "".join(sorted(order)) != "fgio":
        raise ValueError("not a gate order")
    if matrix.ndim < 1 or len(matrix) < 4 or len(matrix) % 4 != 0:
        raise ValueError("first axis must be 4H")
    width = len(matrix) // 4
    picks = np.concatenate([np.arange(width) + width * order.find(letter) for letter in "ifgo"])
    return matrix[picks].astype(np.float64)
''',
    },
    "quiz": {
        "wrong": '''quiz_forget_bias = np.array([0.0, math.log(3.0), 0.0, 0.0])  # b for H = 1: i, f, g, o
quiz_writing_bias = np.array([50.0, 50.0, math.atanh(0.5), 0.0])
# Set the six variables below.
predicted_stacked_parameters = 360
predicted_forget_norm = 0.75  # one forget gate, forgetting that it acts at each of the four steps
predicted_last_hidden = 0.5 * math.tanh(3.0)
measured_stacked_parameters = count_lstm_parameters(3, 5, bias=False, num_layers=2)
measured_forget_norm = float(cell_gradient_norms(np.ones((4, 1)), np.zeros(1), np.ones(1), np.zeros((4, 1)),
                                                 np.zeros((4, 1)), quiz_forget_bias)[-1])
measured_last_hidden = float(lstm_sequence(np.ones((1, 6, 1)), np.zeros((1, 1)), np.zeros((1, 1)), np.zeros((4, 1)),
                                           np.zeros((4, 1)), quiz_writing_bias)[2][0][0, 0])
''',
        "why": "predicts the forget-gate value 0.75 instead of its product over four steps, 0.75**4 = 0.316",
        "alternative": '''quiz_forget_bias = np.array([0.0, math.log(3.0), 0.0, 0.0])  # b for H = 1: i, f, g, o
quiz_writing_bias = np.array([50.0, 50.0, math.atanh(0.5), 0.0])
# Set the six variables below.
layer_one, layer_two = 20 * 8, 20 * 10
predicted_stacked_parameters = int(layer_one + layer_two)
predicted_forget_norm = float(np.prod(np.full(4, 3 / 4)))
predicted_last_hidden = float(1 / (1 + math.exp(0.0)) * np.tanh(0.5 * 6))
measured_stacked_parameters = int(count_lstm_parameters(input_size=3, hidden_size=5, num_layers=2, bias=False))
norms = cell_gradient_norms(np.ones((4, 1)), np.zeros(1), np.ones(1), np.zeros((4, 1)), np.zeros((4, 1)), quiz_forget_bias)
measured_forget_norm = float(norms[3])
hidden_states, _, _ = lstm_sequence(np.ones((1, 6, 1)), np.zeros((1, 1)), np.zeros((1, 1)), np.zeros((4, 1)),
                                    np.zeros((4, 1)), quiz_writing_bias)
measured_last_hidden = float(hidden_states[0, -1, 0])
''',
    },
}
