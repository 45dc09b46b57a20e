"""Answer bank of week02_rnns_and_lstms day03_rnn_from_scratch: a plausible wrong answer and a correct alternative per exercise."""

BANK = {
    "rnn_forward": {
        "denied": '''def rnn_forward(inputs, h0, params):
    """Run the character RNN over index inputs (B, T) from h0 (B, H).

    Returns (logits (B, T, V), cache) with cache = {"inputs": (B, T) indices, "hidden_states": (B, T + 1, H)},
    where hidden_states[:, 0] is h0.
    """
    inputs = np.asarray(inputs)
    hidden = params["W_hh"].shape[0]
    rnn = nn.RNN(hidden, hidden, batch_first=True).double()  # reads the looked-up rows W_xh[inputs]
    with torch.no_grad():
        rnn.weight_ih_l0.copy_(torch.eye(hidden, dtype=torch.float64))
        rnn.weight_hh_l0.copy_(torch.from_numpy(params["W_hh"].T.copy()))
        rnn.bias_ih_l0.copy_(torch.from_numpy(params["b_h"]))
        rnn.bias_hh_l0.zero_()
        states, _ = rnn(torch.from_numpy(params["W_xh"][inputs]), torch.from_numpy(np.asarray(h0, dtype=np.float64))[None])
    states = states.numpy()  # (B, T, H)
    hidden_states = np.concatenate([np.asarray(h0, dtype=np.float64)[:, None], states], axis=1)
    return states @ params["W_hy"] + params["b_y"], {"inputs": inputs.copy(), "hidden_states": hidden_states}
''',
        "wrong": '''def rnn_forward(inputs, h0, params):
    """Run the character RNN over index inputs (B, T) from h0 (B, H).

    Returns (logits (B, T, V), cache) with cache = {"inputs": (B, T) indices, "hidden_states": (B, T + 1, H)},
    where hidden_states[:, 0] is h0.
    """
    inputs = np.asarray(inputs)
    hidden = h0
    states = []
    for t in range(inputs.shape[1]):
        hidden = np.tanh(params["W_xh"][inputs[:, t]] + hidden @ params["W_hh"] + params["b_h"])
        states.append(hidden)
    hidden_states = np.stack(states, axis=1)  # (B, T, H)
    logits = hidden_states @ params["W_hy"] + params["b_y"]
    return logits, {"inputs": inputs, "hidden_states": hidden_states}
''',
        "why": "leaves h0 out of the cache: hidden_states is (B, T, H) instead of (B, T + 1, H)",
        "alternative": '''def rnn_forward(inputs, h0, params):
    """Run the character RNN over index inputs (B, T) from h0 (B, H).

    Returns (logits (B, T, V), cache) with cache = {"inputs": (B, T) indices, "hidden_states": (B, T + 1, H)},
    where hidden_states[:, 0] is h0.
    """
    indices = np.asarray(inputs)
    vocab_size = params["W_xh"].shape[0]
    one_hot = np.eye(vocab_size)[indices]  # (B, T, V): a one-hot row times W_xh selects a row
    states = [np.asarray(h0, dtype=np.float64)]
    for t in range(indices.shape[1]):
        pre_activation = one_hot[:, t] @ params["W_xh"] + states[-1] @ params["W_hh"] + params["b_h"]
        states.append(np.tanh(pre_activation))
    hidden_states = np.stack(states, axis=1)  # (B, T + 1, H)
    logits = np.einsum("bth,hv->btv", hidden_states[:, 1:], params["W_hy"]) + params["b_y"]
    return logits, {"hidden_states": hidden_states, "inputs": indices.copy()}
''',
    },
    "softmax_cross_entropy": {
        "denied": '''def softmax_cross_entropy(logits, targets):
    """Mean cross-entropy of logits (N, V) against integer targets (N,), and its gradient (N, V)."""
    scores = torch.tensor(np.asarray(logits, dtype=np.float64), requires_grad=True)
    loss = F.cross_entropy(scores, torch.as_tensor(np.asarray(targets), dtype=torch.long))
    loss.backward()
    return float(loss), scores.grad.numpy()
''',
        "wrong": '''def softmax_cross_entropy(logits, targets):
    """Mean cross-entropy of logits (N, V) against integer targets (N,), and its gradient (N, V)."""
    logits = np.asarray(logits, dtype=np.float64)
    rows = np.arange(len(targets))
    shifted = logits - logits.max(axis=1, keepdims=True)
    log_probs = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    loss = -log_probs[rows, targets].mean()
    dlogits = np.exp(log_probs)
    dlogits[rows, targets] -= 1.0
    return float(loss), dlogits
''',
        "why": "forgets the 1/N of the mean loss in the gradient (returns p - one_hot)",
        "alternative": '''def softmax_cross_entropy(logits, targets):
    """Mean cross-entropy of logits (N, V) against integer targets (N,), and its gradient (N, V)."""
    z = np.array(logits, dtype=np.float64)
    targets = np.asarray(targets)
    n, v = z.shape
    top = z.max(axis=1)
    log_normaliser = top + np.log(np.sum(np.exp(z - top[:, None]), axis=1))  # log-sum-exp per row
    loss = float(np.mean(log_normaliser - z[np.arange(n), targets]))
    probabilities = np.exp(z - log_normaliser[:, None])
    return loss, (probabilities - np.eye(v)[targets]) / n
''',
    },
    "rnn_backward": {
        "denied": '''def rnn_backward(dlogits, cache, params):
    """Backpropagation through time for rnn_forward.

    dlogits (B, T, V) is dL/dlogits; returns a dict of gradients with the keys and shapes of params, plus "h0" (B, H).
    """
    weights = {name: torch.tensor(np.asarray(value, dtype=np.float64), requires_grad=True) for name, value in params.items()}
    h0 = torch.tensor(np.asarray(cache["hidden_states"][:, 0], dtype=np.float64), requires_grad=True)
    inputs = torch.as_tensor(np.asarray(cache["inputs"]), dtype=torch.long)
    h, logits = h0, []
    for t in range(inputs.shape[1]):  # the forward pass again, this time recorded by autograd
        h = torch.tanh(weights["W_xh"][inputs[:, t]] + h @ weights["W_hh"] + weights["b_h"])
        logits.append(h @ weights["W_hy"] + weights["b_y"])
    torch.stack(logits, dim=1).backward(torch.as_tensor(np.asarray(dlogits, dtype=np.float64)))
    grads = {name: weight.grad.numpy() for name, weight in weights.items()}
    grads["h0"] = h0.grad.numpy()
    return grads
''',
        "wrong": '''def rnn_backward(dlogits, cache, params):
    """Backpropagation through time for rnn_forward.

    dlogits (B, T, V) is dL/dlogits; returns a dict of gradients with the keys and shapes of params, plus "h0" (B, H).
    """
    inputs, hidden_states = cache["inputs"], cache["hidden_states"]
    batch_size, steps, vocab_size = dlogits.shape
    hidden_size = hidden_states.shape[-1]
    states, previous = hidden_states[:, 1:], hidden_states[:, :-1]
    grads = {"W_hy": states.reshape(-1, hidden_size).T @ dlogits.reshape(-1, vocab_size),
             "b_y": dlogits.sum(axis=(0, 1))}
    dh_from_output = dlogits @ params["W_hy"].T
    da = np.empty_like(states)
    dh_next = np.zeros((batch_size, hidden_size))
    for t in reversed(range(steps)):
        da[:, t] = (1.0 - states[:, t] ** 2) * (dh_from_output[:, t] + dh_next)
        dh_next = da[:, t] @ params["W_hh"].T
    grads["W_hh"] = previous.reshape(-1, hidden_size).T @ da.reshape(-1, hidden_size)
    grads["b_h"] = da.sum(axis=(0, 1))
    grads["W_xh"] = np.zeros_like(params["W_xh"], dtype=np.float64)
    grads["W_xh"][inputs] += da
    grads["h0"] = dh_next
    return grads
''',
        "why": "dW_xh[inputs] += da: with repeated characters NumPy keeps only one of the additions (needs np.add.at)",
        "alternative": '''def rnn_backward(dlogits, cache, params):
    """Backpropagation through time for rnn_forward.

    dlogits (B, T, V) is dL/dlogits; returns a dict of gradients with the keys and shapes of params, plus "h0" (B, H).
    """
    inputs = np.asarray(cache["inputs"])
    states = cache["hidden_states"]  # (B, T + 1, H)
    batch_size, steps, _ = dlogits.shape
    hidden_size = states.shape[2]
    grads = {name: np.zeros(np.shape(params[name])) for name in ("W_xh", "W_hh", "b_h", "W_hy", "b_y")}
    dh_next = np.zeros((batch_size, hidden_size))
    for t in range(steps - 1, -1, -1):
        h_t, h_before = states[:, t + 1], states[:, t]
        dz = dlogits[:, t]  # (B, V)
        grads["W_hy"] += h_t.T @ dz
        grads["b_y"] += dz.sum(axis=0)
        da = (dz @ params["W_hy"].T + dh_next) * (1.0 - h_t * h_t)  # (B, H)
        grads["W_hh"] += h_before.T @ da
        grads["b_h"] += da.sum(axis=0)
        for row in range(batch_size):
            grads["W_xh"][inputs[row, t]] += da[row]
        dh_next = da @ params["W_hh"].T
    grads["h0"] = dh_next
    return grads
''',
    },
    "sample": {
        "denied": '''from scipy.special import softmax


def softmax_with_temperature(logits, temperature):
    """softmax(logits / temperature) of a 1-D array (V,), computed stably; temperature > 0."""
    return softmax(np.asarray(logits, dtype=np.float64) / temperature)


def sample(params, prompt, n, temperature=1.0, seed=0):
    """Feed the prompt (list of indices) from a zero state, then generate n indices; return them as a list of ints."""
    rng = np.random.default_rng(seed)
    W_xh, W_hh, b_h, W_hy, b_y = (params[name] for name in ("W_xh", "W_hh", "b_h", "W_hy", "b_y"))
    h = np.zeros(W_hh.shape[0])
    for index in prompt:
        h = np.tanh(W_xh[index] + h @ W_hh + b_h)
    out = []
    for _ in range(n):
        logits = h @ W_hy + b_y
        if temperature == 0:
            choice = int(np.argmax(logits))
        else:
            probabilities = softmax_with_temperature(logits, temperature)
            choice = int(rng.choice(len(probabilities), p=probabilities))
        out.append(choice)
        h = np.tanh(W_xh[choice] + h @ W_hh + b_h)
    return out
''',
        "wrong": '''def softmax_with_temperature(logits, temperature):
    """softmax(logits / temperature) of a 1-D array (V,), computed stably; temperature > 0."""
    scaled = np.asarray(logits, dtype=np.float64) / temperature
    weights = np.exp(scaled - scaled.max())
    return weights / weights.sum()


def sample(params, prompt, n, temperature=1.0, seed=0):
    """Feed the prompt (list of indices) from a zero state, then generate n indices; return them as a list of ints."""
    hidden = np.zeros(params["W_hh"].shape[0])
    for index in prompt:
        hidden = np.tanh(params["W_xh"][index] + hidden @ params["W_hh"] + params["b_h"])
    generated = []
    for _ in range(n):
        logits = hidden @ params["W_hy"] + params["b_y"]
        if temperature == 0:
            index = int(np.argmax(logits))
        else:
            rng = np.random.default_rng(seed)
            probabilities = softmax_with_temperature(logits, temperature)
            index = int(rng.choice(len(probabilities), p=probabilities))
        generated.append(index)
        hidden = np.tanh(params["W_xh"][index] + hidden @ params["W_hh"] + params["b_h"])
    return generated
''',
        "why": "creates the random generator inside the loop, so every step draws the same uniform number",
        "alternative": '''def softmax_with_temperature(logits, temperature):
    """softmax(logits / temperature) of a 1-D array (V,), computed stably; temperature > 0."""
    z = np.asarray(logits, dtype=np.float64) / temperature
    top = np.max(z)
    log_normaliser = top + np.log(np.sum(np.exp(z - top)))
    return np.exp(z - log_normaliser)


def sample(params, prompt, n, temperature=1.0, seed=0):
    """Feed the prompt (list of indices) from a zero state, then generate n indices; return them as a list of ints."""
    rng = np.random.default_rng(seed)
    W_xh, W_hh, b_h, W_hy, b_y = (params[name] for name in ("W_xh", "W_hh", "b_h", "W_hy", "b_y"))
    h = np.zeros(W_hh.shape[0])
    for index in prompt:
        h = np.tanh(W_xh[index] + h @ W_hh + b_h)
    out = []
    while len(out) < n:
        logits = h @ W_hy + b_y
        if temperature == 0:
            choice = int(np.argmax(logits))
        else:  # inverse-CDF draw: the first index whose cumulative probability exceeds a uniform number
            cumulative = np.cumsum(softmax_with_temperature(logits, temperature))
            choice = int(min(np.searchsorted(cumulative, rng.random(), side="right"), len(cumulative) - 1))
        out.append(choice)
        h = np.tanh(W_xh[choice] + h @ W_hh + b_h)
    return out
''',
    },
    "adam_step": {
        "denied": '''def init_adam_state(params):
    """Adam's state before the first step: step 0 and zero moments shaped like params (given, do not change)."""
    return {"step": 0, "m": {name: np.zeros_like(value, dtype=np.float64) for name, value in params.items()},
            "v": {name: np.zeros_like(value, dtype=np.float64) for name, value in params.items()}}


def adam_step(params, grads, state, learning_rate=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
    """One Adam update of every array in params; returns (new_params, new_state). Extra keys in grads are ignored."""
    tensors = {name: torch.tensor(np.asarray(value, dtype=np.float64), requires_grad=True) for name, value in params.items()}
    optimizer = torch.optim.Adam(list(tensors.values()), lr=learning_rate, betas=(beta1, beta2), eps=eps)
    for name, tensor in tensors.items():
        tensor.grad = torch.tensor(np.asarray(grads[name], dtype=np.float64))
        optimizer.state[tensor] = {"step": torch.tensor(float(state["step"])),
                                   "exp_avg": torch.tensor(np.asarray(state["m"][name], dtype=np.float64)),
                                   "exp_avg_sq": torch.tensor(np.asarray(state["v"][name], dtype=np.float64))}
    optimizer.step()
    new_params = {name: tensor.detach().numpy() for name, tensor in tensors.items()}
    moments = {key: {name: optimizer.state[tensor][key].numpy() for name, tensor in tensors.items()}
               for key in ("exp_avg", "exp_avg_sq")}
    return new_params, {"step": state["step"] + 1, "m": moments["exp_avg"], "v": moments["exp_avg_sq"]}
''',
        "wrong": '''def init_adam_state(params):
    """Adam's state before the first step: step 0 and zero moments shaped like params (given, do not change)."""
    return {"step": 0, "m": {name: np.zeros_like(value, dtype=np.float64) for name, value in params.items()},
            "v": {name: np.zeros_like(value, dtype=np.float64) for name, value in params.items()}}


def adam_step(params, grads, state, learning_rate=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
    """One Adam update of every array in params; returns (new_params, new_state). Extra keys in grads are ignored."""
    step = state["step"] + 1
    new_params, first_moments, second_moments = {}, {}, {}
    for name, value in params.items():
        grad = grads[name]
        first_moments[name] = beta1 * state["m"][name] + (1 - beta1) * grad
        second_moments[name] = beta2 * state["v"][name] + (1 - beta2) * grad ** 2
        m_hat = first_moments[name] / (1 - beta1 ** step)
        v_hat = second_moments[name] / (1 - beta2 ** step)
        new_params[name] = value - learning_rate * m_hat / np.sqrt(v_hat + eps)
    return new_params, {"step": step, "m": first_moments, "v": second_moments}
''',
        "why": "adds eps inside the square root instead of after it",
        "alternative": '''def init_adam_state(params):
    """Adam's state before the first step: step 0 and zero moments shaped like params (given, do not change)."""
    return {"step": 0, "m": {name: np.zeros_like(value, dtype=np.float64) for name, value in params.items()},
            "v": {name: np.zeros_like(value, dtype=np.float64) for name, value in params.items()}}


def adam_step(params, grads, state, learning_rate=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
    """One Adam update of every array in params; returns (new_params, new_state). Extra keys in grads are ignored."""
    t = state["step"] + 1
    # Kingma and Ba's "efficient" form: fold both bias corrections into the step size and into eps.
    correction1, root_correction2 = 1 - beta1 ** t, np.sqrt(1 - beta2 ** t)
    step_size = learning_rate * root_correction2 / correction1
    m, v = state["m"], state["v"]
    for name in params:
        m[name] *= beta1  # the prompt allows updating the state in place
        m[name] += (1 - beta1) * grads[name]
        v[name] *= beta2
        v[name] += (1 - beta2) * np.square(grads[name])
    updated = {name: params[name] - step_size * m[name] / (np.sqrt(v[name]) + eps * root_correction2)
               for name in params}
    return updated, {"step": t, "m": m, "v": v}
''',
    },
    "CharRNN": {
        "denied": '''class CharRNN(nn.Module):
    """Tanh RNN with a linear read-out, written without nn.RNN: (B, T, V) inputs -> (logits (B, T, V), h_last (B, H))."""

    def __init__(self, vocab_size, hidden_size):
        super().__init__()
        template = nn.RNN(vocab_size, hidden_size, batch_first=True)
        self.weight_ih = nn.Parameter(template.weight_ih_l0.detach().clone())
        self.weight_hh = nn.Parameter(template.weight_hh_l0.detach().clone())
        self.bias_ih = nn.Parameter(template.bias_ih_l0.detach().clone())
        self.bias_hh = nn.Parameter(template.bias_hh_l0.detach().clone())
        bound = 1.0 / math.sqrt(hidden_size)
        self.weight_ho = nn.Parameter(torch.empty(vocab_size, hidden_size).uniform_(-bound, bound))
        self.bias_ho = nn.Parameter(torch.empty(vocab_size).uniform_(-bound, bound))
        self.__dict__["rnn"] = template  # kept out of the module's parameters

    def forward(self, inputs, h0=None):
        """inputs (B, T, V) float, h0 (B, H) or None for zeros -> (logits (B, T, V), h_last (B, H))."""
        weights = {"weight_ih_l0": self.weight_ih, "weight_hh_l0": self.weight_hh,
                   "bias_ih_l0": self.bias_ih, "bias_hh_l0": self.bias_hh}
        states, h_n = torch.func.functional_call(self.rnn, weights, (inputs, None if h0 is None else h0[None]))
        return states @ self.weight_ho.T + self.bias_ho, h_n[0]
''',
        "wrong": '''class CharRNN(nn.Module):
    """Tanh RNN with a linear read-out, written without nn.RNN: (B, T, V) inputs -> (logits (B, T, V), h_last (B, H))."""

    def __init__(self, vocab_size, hidden_size):
        super().__init__()
        bound = 1.0 / math.sqrt(hidden_size)

        def uniform(*shape):
            return nn.Parameter(torch.empty(*shape).uniform_(-bound, bound))

        self.hidden_size = hidden_size
        self.weight_ih = uniform(hidden_size, vocab_size)
        self.weight_hh = uniform(hidden_size, hidden_size)
        self.bias_ih = uniform(hidden_size)
        self.bias_hh = uniform(hidden_size)
        self.weight_ho = uniform(vocab_size, hidden_size)
        self.bias_ho = uniform(vocab_size)

    def forward(self, inputs, h0=None):
        """inputs (B, T, V) float, h0 (B, H) or None for zeros -> (logits (B, T, V), h_last (B, H))."""
        batch_size, steps, _ = inputs.shape
        hidden = inputs.new_zeros(batch_size, self.hidden_size) if h0 is None else h0
        states = []
        for t in range(steps):
            hidden = torch.tanh(inputs[:, t] @ self.weight_ih.T + self.bias_ih + hidden @ self.weight_hh.T)
            states.append(hidden)
        logits = torch.stack(states, dim=1) @ self.weight_ho.T + self.bias_ho
        return logits, hidden
''',
        "why": "forgets the second bias bias_hh in the recurrence",
        "alternative": '''class CharRNN(nn.Module):
    """Tanh RNN with a linear read-out, written without nn.RNN: (B, T, V) inputs -> (logits (B, T, V), h_last (B, H))."""

    def __init__(self, vocab_size, hidden_size):
        super().__init__()
        self.hidden_size = hidden_size
        shapes = {"weight_ih": (hidden_size, vocab_size), "weight_hh": (hidden_size, hidden_size),
                  "bias_ih": (hidden_size,), "bias_hh": (hidden_size,), "weight_ho": (vocab_size, hidden_size),
                  "bias_ho": (vocab_size,)}
        limit = hidden_size ** -0.5
        for name, shape in shapes.items():
            parameter = nn.Parameter(torch.zeros(shape))
            nn.init.uniform_(parameter, -limit, limit)
            setattr(self, name, parameter)

    def forward(self, inputs, h0=None):
        """inputs (B, T, V) float, h0 (B, H) or None for zeros -> (logits (B, T, V), h_last (B, H))."""
        if h0 is None:
            h0 = torch.zeros(inputs.shape[0], self.hidden_size, dtype=inputs.dtype, device=inputs.device)
        h = h0
        logits = []
        for x_t in inputs.unbind(dim=1):  # (B, V) per step
            h = torch.tanh(torch.einsum("bv,hv->bh", x_t, self.weight_ih) + self.bias_ih
                           + torch.einsum("bk,hk->bh", h, self.weight_hh) + self.bias_hh)
            logits.append(torch.einsum("bh,vh->bv", h, self.weight_ho) + self.bias_ho)
        return torch.stack(logits, dim=1), h
''',
    },
    "input_row_gradients": {
        "wrong": '''def input_row_gradients(inputs, da, vocab_size):
    """dL/dW_xh (V, H) from the indices inputs (B, T) and the pre-activation gradients da (B, T, H)."""
    index_array = np.asarray(inputs, dtype=np.int64)
    step_gradients = np.asarray(da, dtype=np.float64)
    if step_gradients.shape[:-1] != index_array.shape:
        raise ValueError("da must have shape inputs.shape + (H,)")
    if index_array.size and (index_array.min() < 0 or index_array.max() >= vocab_size):
        raise ValueError("index outside the vocabulary")
    counts = np.bincount(index_array.ravel(), minlength=vocab_size)[:, None]  # how often each character was read
    means = np.zeros((vocab_size, step_gradients.shape[-1]))
    np.add.at(means, index_array, step_gradients)
    return means / np.maximum(counts, 1)  # AVERAGES the steps of a character instead of summing them
''',
        "why": "averages the gradients of the steps that read a character instead of summing them, so a repeated "
               "character's row is too small by the number of times it was read",
        "alternative": '''def input_row_gradients(inputs, da, vocab_size):
    """dL/dW_xh (V, H) from the indices inputs (B, T) and the pre-activation gradients da (B, T, H)."""
    flat_indices = np.asarray(inputs).astype(np.int64)
    upstream = np.asarray(da, dtype=float)
    if upstream.shape != flat_indices.shape + upstream.shape[-1:] or upstream.ndim != flat_indices.ndim + 1:
        raise ValueError("shape mismatch between inputs and da")
    flat_indices = flat_indices.reshape(-1)
    if np.any((flat_indices < 0) | (flat_indices >= vocab_size)):
        raise ValueError("index out of range")
    one_hot = np.zeros((flat_indices.size, vocab_size))
    one_hot[np.arange(flat_indices.size), flat_indices] = 1.0
    return one_hot.T @ upstream.reshape(flat_indices.size, -1)  # (V, N) @ (N, H): sums every step of each row
''',
    },
    "quiz": {
        "wrong": '''quiz_params = {"W_xh": np.zeros((3, 1)), "W_hh": np.zeros((1, 1)), "b_h": np.zeros(1), "W_hy": np.array([[1.0, 0.0, 0.0]]),
               "b_y": np.zeros(3)}
# Set the six variables below.
predicted_loss = math.log(5.0)
predicted_hot_probability = 0.8  # applies the temperature to the probabilities 4/5 instead of the logits
predicted_repeated_row = 3.0
measured_loss = float(softmax_cross_entropy(np.array([[0.0, math.log(3.0), 0.0]]), np.array([0]))[0])
measured_hot_probability = float(softmax_with_temperature(np.array([math.log(4.0), 0.0]), 2.0)[0])
_, quiz_cache = rnn_forward(np.array([[2, 2, 2]]), np.zeros((1, 1)), quiz_params)
measured_repeated_row = float(rnn_backward(np.ones((1, 3, 3)), quiz_cache, quiz_params)["W_xh"][2, 0])
''',
        "why": "ignores the temperature (predicts softmax(ln 4, 0) = 0.8): dividing the logits by 2 gives weights 2 : 1",
        "alternative": '''quiz_params = {"W_xh": np.zeros((3, 1)), "W_hh": np.zeros((1, 1)), "b_h": np.zeros(1), "W_hy": np.array([[1.0, 0.0, 0.0]]),
               "b_y": np.zeros(3)}
# Set the six variables below.
predicted_loss = -math.log(1 / (1 + 3 + 1))
predicted_hot_probability = float(np.sqrt(4) / (np.sqrt(4) + 1))
predicted_repeated_row = float(3 * 1)
loss, _ = softmax_cross_entropy(np.log(np.array([[1.0, 3.0, 1.0]])), np.array([0]))
measured_loss = float(loss)
measured_hot_probability = float(softmax_with_temperature(np.log([4.0, 1.0]), temperature=2.0)[0])
logits, cache = rnn_forward(np.full((1, 3), 2), np.zeros((1, 1)), quiz_params)
measured_repeated_row = float(rnn_backward(np.ones_like(logits), cache, quiz_params)["W_xh"][2].item())
''',
    },
}
