"""Answer bank of week02_rnns_and_lstms day01_understanding_rnns: a plausible wrong answer and a correct alternative per exercise."""

BANK = {
    "one_hot_sequence": {
        "denied": '''def one_hot_sequence(token_ids, vocab_size):
    """(T, V) float32 matrix whose row t is the one-hot vector of token_ids[t]; ValueError for ids outside [0, V)."""
    ids = torch.as_tensor(np.asarray(token_ids, dtype=np.int64).reshape(-1))
    if bool(((ids < 0) | (ids >= vocab_size)).any()):
        raise ValueError(f"token ids must lie in [0, {vocab_size})")
    return F.one_hot(ids, num_classes=vocab_size).numpy().astype(np.float32)
''',
        "wrong": '''def one_hot_sequence(token_ids, vocab_size):
    """(T, V) float32 matrix whose row t is the one-hot vector of token_ids[t]; ValueError for ids outside [0, V)."""
    ids = np.asarray(token_ids, dtype=np.int64).reshape(-1)
    if np.any(ids >= vocab_size):
        raise ValueError(f"token ids must be smaller than {vocab_size}")
    one_hot = np.zeros((len(ids), vocab_size), dtype=np.float32)
    one_hot[np.arange(len(ids)), ids] = 1.0
    return one_hot
''',
        "why": "checks only ids >= V: a negative id silently wraps to the last column instead of raising ValueError",
        "alternative": '''def one_hot_sequence(token_ids, vocab_size):
    """(T, V) float32 matrix whose row t is the one-hot vector of token_ids[t]; ValueError for ids outside [0, V)."""
    rows = []
    for token in token_ids:
        token = int(token)
        if token < 0 or token >= vocab_size:
            raise ValueError(f"id {token} is not in [0, {vocab_size})")
        row = [0.0] * vocab_size
        row[token] = 1.0
        rows.append(row)
    return np.array(rows, dtype=np.float32).reshape(len(rows), vocab_size)
''',
    },
    "rnn_step": {
        "denied": '''def rnn_step(x_t, h_prev, W_xh, W_hh, b):
    """One tanh RNN step for a batch: (B, D), (B, H), (D, H), (H, H), (H,) -> (B, H)."""
    cell = torch.nn.RNNCell(W_xh.shape[0], W_xh.shape[1]).double()
    with torch.no_grad():
        cell.weight_ih.copy_(torch.from_numpy(np.asarray(W_xh, dtype=np.float64).T))
        cell.weight_hh.copy_(torch.from_numpy(np.asarray(W_hh, dtype=np.float64).T))
        cell.bias_ih.copy_(torch.from_numpy(np.asarray(b, dtype=np.float64)))
        cell.bias_hh.zero_()
        return cell(torch.from_numpy(np.asarray(x_t, dtype=np.float64)),
                    torch.from_numpy(np.asarray(h_prev, dtype=np.float64))).numpy()
''',
        "wrong": '''def rnn_step(x_t, h_prev, W_xh, W_hh, b):
    """One tanh RNN step for a batch: (B, D), (B, H), (D, H), (H, H), (H,) -> (B, H)."""
    return np.tanh(x_t @ W_xh + h_prev @ W_hh.T + b)
''',
        "why": "column convention for the recurrent term: h_prev @ W_hh.T instead of h_prev @ W_hh",
        "alternative": '''def rnn_step(x_t, h_prev, W_xh, W_hh, b):
    """One tanh RNN step for a batch: (B, D), (B, H), (D, H), (H, H), (H,) -> (B, H)."""
    from_input = np.einsum("bd,dh->bh", x_t, W_xh)
    from_state = np.einsum("bk,kh->bh", h_prev, W_hh)
    return np.tanh(from_input + from_state + b[None, :])
''',
    },
    "rnn_forward": {
        "denied": '''def rnn_forward(x, h0, W_xh, W_hh, b):
    """Run a tanh RNN over x (B, T, D) from h0 (B, H); return (hidden_states (B, T, H), h_last (B, H))."""
    rnn = torch.nn.RNN(W_xh.shape[0], W_xh.shape[1], batch_first=True).double()
    with torch.no_grad():
        rnn.weight_ih_l0.copy_(torch.from_numpy(np.asarray(W_xh, dtype=np.float64).T))
        rnn.weight_hh_l0.copy_(torch.from_numpy(np.asarray(W_hh, dtype=np.float64).T))
        rnn.bias_ih_l0.copy_(torch.from_numpy(np.asarray(b, dtype=np.float64)))
        rnn.bias_hh_l0.zero_()
        output, h_n = rnn(torch.from_numpy(np.asarray(x, dtype=np.float64)),
                          torch.from_numpy(np.asarray(h0, dtype=np.float64))[None])
    return output.numpy(), h_n[0].numpy()
''',
        "wrong": '''def rnn_forward(x, h0, W_xh, W_hh, b):
    """Run a tanh RNN over x (B, T, D) from h0 (B, H); return (hidden_states (B, T, H), h_last (B, H))."""
    hidden = np.zeros_like(h0)
    states = []
    for t in range(x.shape[1]):
        hidden = np.tanh(x[:, t] @ W_xh + hidden @ W_hh + b)
        states.append(hidden)
    return np.stack(states, axis=1), hidden
''',
        "why": "ignores the given initial state h0 and always starts from zeros",
        "alternative": '''def rnn_forward(x, h0, W_xh, W_hh, b):
    """Run a tanh RNN over x (B, T, D) from h0 (B, H); return (hidden_states (B, T, H), h_last (B, H))."""
    batch, steps, _ = x.shape
    size = W_hh.shape[0]
    hidden_states = np.empty((batch, steps, size), dtype=np.result_type(x, h0, W_xh, W_hh, b))
    h = h0
    for t in range(steps):
        h = np.tanh(x[:, t, :] @ W_xh + h @ W_hh + b)
        hidden_states[:, t, :] = h
    return hidden_states, hidden_states[:, steps - 1, :].copy()
''',
    },
    "output_logits": {
        "wrong": '''def many_to_many_logits(hidden_states, W_hy, b_y):
    """Logits at every step: (B, T, H) @ (H, C) + (C,) -> (B, T, C)."""
    return hidden_states @ W_hy + b_y


def many_to_one_logits(hidden_states, W_hy, b_y, lengths=None):
    """Logits from the last real step of each sequence: (B, T, H) -> (B, C)."""
    if lengths is None:
        last = hidden_states[:, -1]
    else:
        last = np.stack([hidden_states[i, n] for i, n in enumerate(lengths)])
    return last @ W_hy + b_y
''',
        "why": "off by one: reads step lengths[i] instead of lengths[i] - 1",
        "alternative": '''def many_to_many_logits(hidden_states, W_hy, b_y):
    """Logits at every step: (B, T, H) @ (H, C) + (C,) -> (B, T, C)."""
    batch, steps, size = hidden_states.shape
    flat = hidden_states.reshape(batch * steps, size) @ W_hy + b_y
    return flat.reshape(batch, steps, -1)


def many_to_one_logits(hidden_states, W_hy, b_y, lengths=None):
    """Logits from the last real step of each sequence: (B, T, H) -> (B, C)."""
    batch, steps, _ = hidden_states.shape
    if lengths is None:
        lengths = [steps] * batch
    last = np.stack([hidden_states[row, int(length) - 1] for row, length in enumerate(lengths)])
    return np.einsum("bh,hc->bc", last, W_hy) + b_y
''',
    },
    "hidden_state_gradient_norms": {
        "wrong": '''def hidden_state_gradient_norms(W_hh, hidden_states):
    """norms[k] = Frobenius norm of d h_T / d h_k for k = 0..T, from W_hh (H, H) and the states h_1..h_T (T, H)."""
    states = np.asarray(hidden_states, dtype=np.float64)
    steps, size = states.shape
    norms = np.empty(steps + 1)
    jacobian = np.eye(size)
    norms[steps] = np.linalg.norm(jacobian)
    for t in range(steps, 0, -1):
        jacobian = (jacobian * (1.0 - states[t - 1] ** 2)) @ W_hh
        norms[t - 1] = np.linalg.norm(jacobian)
    return norms
''',
        "why": "multiplies by W_hh instead of W_hh.T in the step Jacobian diag(1 - h_t**2) W_hh^T",
        "alternative": '''def hidden_state_gradient_norms(W_hh, hidden_states):
    """norms[k] = Frobenius norm of d h_T / d h_k for k = 0..T, from W_hh (H, H) and the states h_1..h_T (T, H)."""
    h = np.asarray(hidden_states, dtype=float)
    steps, size = h.shape
    product = np.eye(size)
    backwards = [np.sqrt(np.sum(product ** 2))]
    for t in reversed(range(steps)):
        step_jacobian = np.diag(1.0 - h[t] ** 2) @ np.asarray(W_hh, dtype=float).T
        product = product @ step_jacobian
        backwards.append(np.sqrt(np.sum(product ** 2)))
    return np.array(backwards[::-1], dtype=float)
''',
    },
    "clip_by_global_norm": {
        "denied": '''def clip_by_global_norm(gradients, max_norm):
    """Scale all arrays by one factor so that their joint L2 norm is at most max_norm; return (new list, norm before)."""
    parameters = []
    for gradient in gradients:
        parameter = torch.nn.Parameter(torch.zeros(np.shape(gradient), dtype=torch.float64))
        parameter.grad = torch.tensor(np.asarray(gradient, dtype=np.float64))
        parameters.append(parameter)
    total_norm = float(torch.nn.utils.clip_grad_norm_(parameters, max_norm)) if parameters else 0.0
    clipped = [parameter.grad.numpy().astype(np.asarray(gradient).dtype) for parameter, gradient in zip(parameters, gradients)]
    return clipped, total_norm
''',
        "wrong": '''def clip_by_global_norm(gradients, max_norm):
    """Scale all arrays by one factor so that their joint L2 norm is at most max_norm; return (new list, norm before)."""
    total_norm = float(np.sqrt(sum(np.sum(np.asarray(g, dtype=np.float64) ** 2) for g in gradients)))
    clipped = []
    for g in gradients:
        norm = float(np.linalg.norm(g))
        clipped.append(np.asarray(g) * (max_norm / norm) if norm > max_norm else np.asarray(g) * 1.0)
    return clipped, total_norm
''',
        "why": "clips every array by its own norm instead of all arrays by the global norm (changes the direction)",
        "alternative": '''def clip_by_global_norm(gradients, max_norm):
    """Scale all arrays by one factor so that their joint L2 norm is at most max_norm; return (new list, norm before)."""
    if len(gradients) == 0:
        return [], 0.0
    everything = np.concatenate([np.ravel(g).astype(np.float64) for g in gradients])
    total_norm = float(np.linalg.norm(everything))
    if total_norm > max_norm:
        factor = float(max_norm / total_norm)
        return [g * factor for g in gradients], total_norm
    return [np.array(g, copy=True) for g in gradients], total_norm
''',
    },
    "weights_from_torch_rnn": {
        "wrong": '''def weights_from_torch_rnn(weight_ih, weight_hh, bias_ih, bias_hh):
    """nn.RNN's (H, D), (H, H), (H,), (H,) parameters as our (W_xh (D, H), W_hh (H, H), b (H,)) for h @ W_hh."""
    from_inputs = np.array(weight_ih, dtype=np.float64)
    recurrent = np.array(weight_hh, dtype=np.float64)
    size = from_inputs.shape[0] if from_inputs.ndim == 2 else -1
    if size < 0 or recurrent.shape != (size, size) or np.shape(bias_ih) != (size,) or np.shape(bias_hh) != (size,):
        raise ValueError("shapes do not fit")
    return from_inputs.T, recurrent.T, np.array(bias_ih, dtype=np.float64)  # keeps bias_ih, drops bias_hh
''',
        "why": "transposes both matrices but keeps only bias_ih; nn.RNN adds bias_hh too, so every state is shifted",
        "alternative": '''def weights_from_torch_rnn(weight_ih, weight_hh, bias_ih, bias_hh):
    """nn.RNN's (H, D), (H, H), (H,), (H,) parameters as our (W_xh (D, H), W_hh (H, H), b (H,)) for h @ W_hh."""
    shapes = [np.shape(weight_ih), np.shape(weight_hh), np.shape(bias_ih), np.shape(bias_hh)]
    if len(shapes[0]) != 2:
        raise ValueError("weight_ih is not a matrix")
    hidden = shapes[0][0]
    if shapes[1:] != [(hidden, hidden), (hidden,), (hidden,)]:
        raise ValueError("the parameters do not belong to one layer")
    W_xh = np.swapaxes(np.array(weight_ih, dtype=float), 0, 1)
    W_hh = np.einsum("ij->ji", np.array(weight_hh, dtype=float))
    b = np.add(bias_ih, bias_hh, dtype=np.float64)
    return (np.ascontiguousarray(W_xh), np.ascontiguousarray(W_hh), b)
''',
    },
    "quiz": {
        "wrong": '''import math

# Set the six variables below.
predicted_last_state = 0.9051
predicted_gradient_norm = 3.375
predicted_small_clipped = 0.5  # thinks an array already below max_norm is left alone
measured_last_state = float(rnn_forward(np.array([[[1.0], [2.0], [3.0]]]), np.array([[0.9]]), np.array([[0.5]]),
                                        np.array([[0.0]]), np.zeros(1))[1][0, 0])
measured_gradient_norm = float(hidden_state_gradient_norms(np.array([[-2.0]]), np.full((3, 1), 0.5))[0])
measured_small_clipped = float(clip_by_global_norm([np.array([3.0, 4.0]), np.array([0.5])], 1.0)[0][1][0])
''',
        "why": "predicts per-array clipping (0.5 stays 0.5); the global norm scales every array by 1 / 5.025",
        "alternative": '''import math

# Set the six variables below.
predicted_last_state = float(np.tanh(1.5))
predicted_gradient_norm = 1.5 * 1.5 * 1.5
predicted_small_clipped = float(0.5 / np.linalg.norm([3.0, 4.0, 0.5]))
states, last = rnn_forward(np.arange(1.0, 4.0).reshape(1, 3, 1), np.full((1, 1), 0.9), np.full((1, 1), 0.5),
                           np.zeros((1, 1)), np.array([0.0]))
measured_last_state = float(last.item())
norms = hidden_state_gradient_norms(np.array([[-2.0]]), np.array([[0.5], [0.5], [0.5]]))
measured_gradient_norm = float(norms[0])
clipped, _ = clip_by_global_norm([np.array([3.0, 4.0]), np.array([0.5])], max_norm=1.0)
measured_small_clipped = float(clipped[-1].ravel()[0])
''',
    },
}
