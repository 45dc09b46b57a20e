"""Answer bank of week02_rnns_and_lstms day07_rnn_lstm_variations: a plausible wrong answer and a correct alternative per exercise."""

BANK = {
    "shift_labels": {
        "wrong": '''def shift_labels(tokens, lengths, offsets, ignore_index=-100):
    """labels[b, t, k] = tokens[b, t + offsets[k]] inside sequence b, else ignore_index; shape (B, T, K), int64."""
    tokens = np.asarray(tokens, dtype=np.int64)
    lengths = np.asarray(lengths, dtype=np.int64)
    width = tokens.shape[1]
    positions = np.arange(width)
    labels = np.full((*tokens.shape, len(offsets)), ignore_index, dtype=np.int64)
    for k, offset in enumerate(offsets):
        source = positions + offset
        valid = (positions[None, :] < lengths[:, None]) & (source[None, :] >= 0) & (source[None, :] < width)
        copied = tokens[:, np.clip(source, 0, width - 1)]
        labels[:, :, k] = np.where(valid, copied, ignore_index)
    return labels
''',
        "why": "checks the source position against the padded width T instead of the sequence's length, so it copies padding",
        "alternative": '''def shift_labels(tokens, lengths, offsets, ignore_index=-100):
    """labels[b, t, k] = tokens[b, t + offsets[k]] inside sequence b, else ignore_index; shape (B, T, K), int64."""
    tokens = np.asarray(tokens)
    batch, width = tokens.shape
    labels = np.full((batch, width, len(offsets)), ignore_index, dtype=np.int64)
    for b in range(batch):
        length = int(lengths[b])
        for t in range(length):
            for k, offset in enumerate(offsets):
                if 0 <= t + offset < length:
                    labels[b, t, k] = tokens[b, t + offset]
    return labels
''',
    },
    "reverse_padded": {
        "wrong": '''def reverse_padded(x, lengths):
    """Reverse x[b, :lengths[b]] along axis 1 for every b; padding positions stay as they are."""
    x = torch.as_tensor(x)
    lengths = torch.as_tensor(lengths, dtype=torch.long)
    steps = torch.arange(x.shape[1])
    source = (lengths[:, None] - 1 - steps[None, :]).clamp(min=0)  # (B, T): where out[b, t] comes from
    source = source.reshape(*source.shape, *([1] * (x.dim() - 2))).expand_as(x)
    return x.gather(1, source)
''',
        "why": "clamps the source index instead of keeping padding positions: they all get a copy of x[b, 0]",
        "alternative": '''def reverse_padded(x, lengths):
    """Reverse x[b, :lengths[b]] along axis 1 for every b; padding positions stay as they are."""
    x = torch.as_tensor(x)
    out = x.clone()
    for b, n in enumerate(torch.as_tensor(lengths).tolist()):
        if n > 0:
            out[b, :n] = torch.flip(x[b, :n], dims=(0,))
    return out
''',
    },
    "bidirectional_lstm": {
        "wrong": '''class BidirectionalLSTM(nn.Module):
    """A bidirectional LSTM layer made of two one-directional nn.LSTMs and reverse_padded."""

    def __init__(self, input_size, hidden_size):
        super().__init__()
        # Given: the two directions, with the names the tests load weights into.
        self.forward_lstm = nn.LSTM(input_size, hidden_size, batch_first=True)
        self.backward_lstm = nn.LSTM(input_size, hidden_size, batch_first=True)

    def forward(self, x, lengths):
        """x (B, T, D), lengths (B,) -> outputs (B, T, 2H), h_n (2, B, H), c_n (2, B, H)."""
        lengths = torch.as_tensor(lengths, dtype=torch.long).cpu()
        steps = x.shape[1]
        packed = pack_padded_sequence(x, lengths, batch_first=True, enforce_sorted=False)
        forward_out, (forward_h, forward_c) = self.forward_lstm(packed)
        forward_out, _ = pad_packed_sequence(forward_out, batch_first=True, total_length=steps)
        backward_out, (backward_h, backward_c) = self.backward_lstm(x.flip(1))  # read right to left
        backward_out = backward_out.flip(1)
        real = (torch.arange(steps)[None, :] < lengths[:, None]).unsqueeze(-1)
        backward_out = backward_out * real
        outputs = torch.cat([forward_out, backward_out], dim=-1)
        return outputs, torch.cat([forward_h, backward_h]), torch.cat([forward_c, backward_c])
''',
        "why": "runs the backward direction on x.flip(1): it reads the padding before the real tokens",
        "alternative": '''class BidirectionalLSTM(nn.Module):
    """A bidirectional LSTM layer made of two one-directional nn.LSTMs and reverse_padded."""

    def __init__(self, input_size, hidden_size):
        super().__init__()
        # Given: the two directions, with the names the tests load weights into.
        self.forward_lstm = nn.LSTM(input_size, hidden_size, batch_first=True)
        self.backward_lstm = nn.LSTM(input_size, hidden_size, batch_first=True)

    def forward(self, x, lengths):
        """x (B, T, D), lengths (B,) -> outputs (B, T, 2H), h_n (2, B, H), c_n (2, B, H)."""
        batch, steps, _ = x.shape
        lengths = torch.as_tensor(lengths).to(x.device)
        size = self.forward_lstm.hidden_size

        def run_masked(lstm, time_order):
            # Step the LSTM one position at a time; rows whose position is padding keep their state.
            h = x.new_zeros(1, batch, size)
            c = x.new_zeros(1, batch, size)
            outputs = [None] * steps
            for t in time_order:
                step_output, (h_new, c_new) = lstm(x[:, t:t + 1], (h, c))
                real = (t < lengths).view(1, batch, 1)
                h, c = torch.where(real, h_new, h), torch.where(real, c_new, c)
                outputs[t] = torch.where(real[0], step_output[:, 0], torch.zeros_like(step_output[:, 0]))
            return torch.stack(outputs, dim=1), h[0], c[0]

        forward_out, forward_h, forward_c = run_masked(self.forward_lstm, range(steps))
        # Right to left: a row starts at its own last real step, because the steps before it are skipped.
        backward_out, backward_h, backward_c = run_masked(self.backward_lstm, range(steps - 1, -1, -1))
        return (torch.cat([forward_out, backward_out], dim=2), torch.stack([forward_h, backward_h]),
                torch.stack([forward_c, backward_c]))
''',
    },
    "count_parameters": {
        "denied": '''def count_parameters(kind, input_size, hidden_size, num_layers=1, bidirectional=False):
    """Trainable parameters of nn.RNN / nn.LSTM / nn.GRU(input_size, hidden_size, num_layers, bidirectional)."""
    modules = {"rnn": nn.RNN, "lstm": nn.LSTM, "gru": nn.GRU}
    if kind not in modules:
        raise ValueError(f"kind must be 'rnn', 'lstm' or 'gru', not {kind!r}")
    layer = modules[kind](input_size, hidden_size, num_layers=num_layers, bidirectional=bidirectional)
    return sum(parameter.numel() for parameter in layer.parameters())
''',
        "wrong": '''def count_parameters(kind, input_size, hidden_size, num_layers=1, bidirectional=False):
    """Trainable parameters of nn.RNN / nn.LSTM / nn.GRU(input_size, hidden_size, num_layers, bidirectional)."""
    blocks_per_kind = {"rnn": 1, "gru": 3, "lstm": 4}
    if kind not in blocks_per_kind:
        raise ValueError(f"unknown kind {kind!r}")
    blocks = blocks_per_kind[kind]
    directions = 2 if bidirectional else 1
    total = 0
    for layer in range(num_layers):
        layer_input = input_size if layer == 0 else hidden_size
        total += directions * (blocks * hidden_size * (layer_input + hidden_size) + 2 * blocks * hidden_size)
    return total
''',
        "why": "layers above the first read hidden_size features even when bidirectional (they read 2H)",
        "alternative": '''def count_parameters(kind, input_size, hidden_size, num_layers=1, bidirectional=False):
    """Trainable parameters of nn.RNN / nn.LSTM / nn.GRU(input_size, hidden_size, num_layers, bidirectional)."""
    if kind == "rnn":
        gates = 1
    elif kind == "gru":
        gates = 3
    elif kind == "lstm":
        gates = 4
    else:
        raise ValueError("kind must be one of 'rnn', 'gru', 'lstm'")
    directions = 1 + int(bool(bidirectional))
    per_unit_first = input_size + hidden_size + 2  # input weights, recurrent weights, two biases
    per_unit_later = directions * hidden_size + hidden_size + 2
    units = gates * hidden_size * directions
    return int(units * (per_unit_first + (num_layers - 1) * per_unit_later))
''',
    },
    "stacked_lstm": {
        "wrong": '''class StackedLSTM(nn.Module):
    """num_layers one-layer nn.LSTMs, each reading the output sequence of the one below."""

    def __init__(self, input_size, hidden_size, num_layers):
        super().__init__()
        self.layers = nn.ModuleList(
            nn.LSTM(input_size if layer == 0 else hidden_size, hidden_size, batch_first=True) for layer in range(num_layers))

    def forward(self, x):
        """x (B, T, D) -> outputs (B, T, H), h_n (num_layers, B, H), c_n (num_layers, B, H)."""
        for layer in self.layers:
            x, (h_n, c_n) = layer(x)
        return x, h_n, c_n
''',
        "why": "returns only the top layer's final states instead of one row per layer",
        "alternative": '''class StackedLSTM(nn.Module):
    """num_layers one-layer nn.LSTMs, each reading the output sequence of the one below."""

    def __init__(self, input_size, hidden_size, num_layers):
        super().__init__()
        layers = []
        features = input_size
        for _ in range(num_layers):
            layers.append(nn.LSTM(features, hidden_size, batch_first=True))
            features = hidden_size  # the next layer reads this layer's hidden states
        self.layers = nn.ModuleList(layers)

    def forward(self, x):
        """x (B, T, D) -> outputs (B, T, H), h_n (num_layers, B, H), c_n (num_layers, B, H)."""
        hiddens, cells = [], []
        sequence = x
        for lstm in self.layers:
            sequence, (h_last, c_last) = lstm(sequence)
            hiddens.append(h_last)  # (1, B, H)
            cells.append(c_last)
        return sequence, torch.cat(hiddens, dim=0), torch.cat(cells, dim=0)
''',
    },
    "seq2seq_decoding": {
        "wrong": '''# The tests call greedy_decode through decode_with_tiny_rnn (the cell above).
def shift_right(targets, bos_index):
    """Teacher-forcing decoder inputs: (B, M) -> (B, M) int64, [bos, y_1, ..., y_{M-1}]."""
    targets = torch.as_tensor(targets, dtype=torch.long)
    bos_column = torch.full_like(targets[:, :1], bos_index)
    return torch.cat([bos_column, targets[:, :-1]], dim=1)


def greedy_decode(step, state, batch_size, bos_index, eos_index, max_len, pad_index=0):
    """Feed back the argmax token for up to max_len steps; (batch_size, max_len) int64, pad_index after each first eos."""
    generated = torch.full((batch_size, max_len), pad_index, dtype=torch.long)
    previous = torch.full((batch_size,), bos_index, dtype=torch.long)
    with torch.no_grad():
        for t in range(max_len):
            logits, state = step(previous, state)
            previous = logits.argmax(dim=-1)
            generated[:, t] = previous
            if bool((generated == eos_index).any(dim=1).all()):
                break
    return generated
''',
        "why": "keeps the tokens a row generates after its first <eos> instead of replacing them with pad_index",
        "alternative": '''# The tests call greedy_decode through decode_with_tiny_rnn (the cell above).
def shift_right(targets, bos_index):
    """Teacher-forcing decoder inputs: (B, M) -> (B, M) int64, [bos, y_1, ..., y_{M-1}]."""
    shifted = torch.roll(torch.as_tensor(targets).long(), shifts=1, dims=1)  # a copy; the last column wraps to the front
    shifted[:, 0] = bos_index  # ... and is overwritten by <bos>
    return shifted


def greedy_decode(step, state, batch_size, bos_index, eos_index, max_len, pad_index=0):
    """Feed back the argmax token for up to max_len steps; (batch_size, max_len) int64, pad_index after each first eos."""
    if max_len == 0:
        return torch.zeros((batch_size, 0), dtype=torch.long)
    tokens = torch.full((batch_size,), bos_index, dtype=torch.long)
    columns = []
    with torch.no_grad():
        for _ in range(max_len):  # no early stop: padding is applied afterwards
            logits, state = step(tokens, state)
            tokens = torch.argmax(logits, dim=-1).long()
            columns.append(tokens)
    generated = torch.stack(columns, dim=1)  # (B, max_len)
    is_eos = (generated == eos_index).long()
    after_first_eos = (torch.cumsum(is_eos, dim=1) - is_eos) > 0
    return generated.masked_fill(after_first_eos, pad_index)
''',
    },
    "bidirectional_sentence_vectors": {
        "wrong": '''def bidirectional_sentence_vectors(outputs, lengths):
    """[forward final state ; backward final state] of every row of a bidirectional layer's (B, T, 2H) outputs."""
    states = torch.as_tensor(outputs)
    counts = torch.as_tensor(lengths, dtype=torch.long).reshape(-1)
    batch, steps, width = states.shape
    if width % 2 or len(counts) != batch or bool((counts < 1).any()) or bool((counts > steps).any()):
        raise ValueError("bad shapes or lengths")
    half = width // 2
    return torch.cat([states[torch.arange(batch), counts - 1, :half], states[:, -1, half:]], dim=1)  # backward: last column
''',
        "why": "takes the backward half from the last padded column, outputs[:, -1, H:], instead of position 0, where the "
               "backward direction has read the whole sentence",
        "alternative": '''def bidirectional_sentence_vectors(outputs, lengths):
    """[forward final state ; backward final state] of every row of a bidirectional layer's (B, T, 2H) outputs."""
    states = torch.as_tensor(outputs)
    counts = torch.as_tensor(lengths).long().view(-1)
    if states.shape[-1] % 2 == 1:
        raise ValueError("odd feature axis")
    if counts.numel() != states.shape[0] or counts.min() < 1 or counts.max() > states.shape[1]:
        raise ValueError("bad lengths")
    forward_half, backward_half = states.chunk(2, dim=-1)
    index = (counts - 1).view(-1, 1, 1).expand(-1, 1, forward_half.shape[-1])
    return torch.cat([forward_half.gather(1, index).squeeze(1), backward_half[:, 0]], dim=-1)
''',
    },
    "quiz": {
        "wrong": '''# Set the six variables below.
predicted_gru_parameters = 2 * (3 * 8 * (4 + 8) + 6 * 8) + 2 * (3 * 8 * (8 + 8) + 6 * 8)  # layer 2 sized as if it read H
predicted_valid_labels = 3
predicted_twice_reversed = 10
measured_gru_parameters = int(count_parameters("gru", 4, 8, num_layers=2, bidirectional=True))
measured_valid_labels = int((shift_labels([[4, 8, 15, 16, 23, 0]], [5], [2]) != -100).sum())
measured_twice_reversed = int(reverse_padded(reverse_padded(torch.tensor([[10, 20, 30, 40, 50, 60]]), [4]), [6])[0, 2])
''',
        "why": "sizes the second layer's input as H = 8 instead of 2H = 16 for a bidirectional stack",
        "alternative": '''# Set the six variables below.
per_direction = [3 * 8 * (size + 8) + 2 * 3 * 8 for size in (4, 2 * 8)]
predicted_gru_parameters = int(2 * sum(per_direction))
predicted_valid_labels = len([t for t in range(5) if t + 2 < 5])
predicted_twice_reversed = [60, 50, 10, 20, 30, 40][2]
measured_gru_parameters = count_parameters("gru", input_size=4, hidden_size=8, num_layers=2, bidirectional=True)
labels = shift_labels(np.array([[4, 8, 15, 16, 23, 0]]), [5], [2], ignore_index=-1)
measured_valid_labels = int(np.count_nonzero(labels >= 0))
once = reverse_padded(torch.tensor([[10, 20, 30, 40, 50, 60]]), torch.tensor([4]))
measured_twice_reversed = int(reverse_padded(once, torch.tensor([6]))[0][2].item())
''',
    },
}
