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
    "quiz": {
        "wrong": '''# Set each variable to "a", "b" or "c".
q1_parameters = "a"
q2_tagging = "c"
q3_clipping = "a"
''',
        "why": "q3: believes a lower clipping threshold fixes vanishing gradients (clipping can only shrink)",
        "alternative": '''# Set each variable to "a", "b" or "c".
shared_parameters = 50 * 100 + 100 * 100 + 100  # D H + H H + H, whatever the sentence length
q1_parameters = "a" if shared_parameters == 15_100 else "b"
q2_tagging = "abc"[2]  # one tag per token: many-to-many
q3_clipping = "B".lower()  # clipping only shrinks; it cannot revive a vanished gradient
''',
    },
}
