"""Answer bank of week03_grus_and_language_models day06_seq2seq: a plausible wrong answer and a correct alternative per exercise."""

# The correct fit_seq2seq that the alternative and the denied answer of train_number_reader share.
_FIT_SEQ2SEQ = '''def fit_seq2seq(encoder, decoder, examples, epochs, batch_size=64, learning_rate=0.01, clip_norm=1.0, seed=0,
                valid_examples=None):
    """Teacher-forced training of encoder and decoder, in place; returns {"loss": [...], "valid_exact_match": [...]}."""
    torch.manual_seed(seed)
    rng = np.random.default_rng(seed)
    both = nn.ModuleList([encoder, decoder])
    optimizer = torch.optim.Adam(both.parameters(), lr=learning_rate)
    step_losses, matches = [], []
    for epoch in tqdm(range(epochs), desc="fit_seq2seq"):
        both.train()
        for batch in iterate_batches(examples, batch_size, source_vocab, target_vocab, rng, device):
            optimizer.zero_grad()
            context = encoder(batch.source, batch.source_lengths)[1]  # (1, B, H)
            logits = decoder(batch.target_input, context)[0]  # (B, T + 1, V)
            loss = masked_sequence_loss(logits, batch.target_output, PAD_ID)
            loss.backward()
            nn.utils.clip_grad_norm_(both.parameters(), clip_norm)
            optimizer.step()
            step_losses.append(float(loss.detach()))
        if valid_examples is not None:
            guesses = predict_number_reader((encoder, decoder), [list(words) for words, _ in valid_examples])
            hits = sum(guess == "".join(digits) for guess, (_, digits) in zip(guesses, valid_examples))
            matches.append(hits / len(valid_examples))
    return {"loss": step_losses, "valid_exact_match": matches}


'''

BANK = {
    "shift_for_teacher_forcing": {
        "wrong": '''def shift_for_teacher_forcing(target_ids, bos_id, eos_id, pad_id):
    """Decoder inputs [bos, y...] and outputs [y..., eos], padded with pad_id: two LongTensors (B, T_max + 1)."""
    width = max(len(ids) for ids in target_ids) + 1
    decoder_input = torch.zeros(len(target_ids), width, dtype=torch.long)  # padding is 0
    decoder_output = torch.zeros(len(target_ids), width, dtype=torch.long)
    for row, ids in enumerate(target_ids):
        decoder_input[row, :len(ids) + 1] = torch.tensor([bos_id] + list(ids), dtype=torch.long)
        decoder_output[row, :len(ids) + 1] = torch.tensor(list(ids) + [eos_id], dtype=torch.long)
    return decoder_input, decoder_output
''',
        "why": "pads with 0 instead of the pad_id it is given",
        "alternative": '''def shift_for_teacher_forcing(target_ids, bos_id, eos_id, pad_id):
    """Decoder inputs [bos, y...] and outputs [y..., eos], padded with pad_id: two LongTensors (B, T_max + 1)."""
    longest = max(map(len, target_ids))
    inputs, outputs = [], []
    for ids in target_ids:
        filler = [pad_id] * (longest - len(ids))
        inputs.append([bos_id, *ids, *filler])
        outputs.append([*ids, eos_id, *filler])
    return torch.tensor(inputs, dtype=torch.long), torch.tensor(outputs, dtype=torch.long)
''',
    },
    "encoder": {
        "wrong": '''class Encoder(nn.Module):
    """Embedding + one-layer GRU over padded source ids; packing keeps the padding out of the state."""

    def __init__(self, vocab_size, embedding_dim, hidden_size, pad_id=0):
        super().__init__()
        self.embedding = nn.Embedding(vocab_size, embedding_dim, padding_idx=pad_id)
        self.rnn = nn.GRU(embedding_dim, hidden_size, batch_first=True)

    def forward(self, source, source_lengths):
        """source (B, L) int64, source_lengths (B,) int64 -> outputs (B, L, H), final_state (1, B, H)."""
        outputs, final_state = self.rnn(self.embedding(source))  # padding has a zero embedding anyway
        return outputs, final_state
''',
        "why": "runs the GRU over the padding without packing: the final state and the padded outputs are wrong",
        "alternative": '''class Encoder(nn.Module):
    """Embedding + one-layer GRU over padded source ids; packing keeps the padding out of the state."""

    def __init__(self, vocab_size, embedding_dim, hidden_size, pad_id=0):
        super().__init__()
        self.embedding = nn.Embedding(num_embeddings=vocab_size, embedding_dim=embedding_dim, padding_idx=pad_id)
        self.rnn = nn.GRU(input_size=embedding_dim, hidden_size=hidden_size, batch_first=True)

    def forward(self, source, source_lengths):
        """source (B, L) int64, source_lengths (B,) int64 -> outputs (B, L, H), final_state (1, B, H)."""
        lengths = torch.as_tensor(source_lengths).cpu()
        order = torch.argsort(lengths, descending=True, stable=True)  # longest first, as packing likes it
        restore = torch.argsort(order)  # the permutation back to the original rows
        on_device = order.to(source.device)
        packed = pack_padded_sequence(self.embedding(source[on_device]), lengths[order], batch_first=True)
        packed_outputs, last = self.rnn(packed)
        outputs, _ = pad_packed_sequence(packed_outputs, batch_first=True, total_length=source.shape[1])
        back = restore.to(source.device)
        return outputs[back], last[:, back]
''',
    },
    "decoder": {
        "wrong": '''# The tests also check `step` alone through DecoderStep (the cell after this one), whose forward is one step.
class Decoder(nn.Module):
    """Target embedding + one-layer GRU + linear read-out; one step at a time or teacher-forced."""

    def __init__(self, vocab_size, embedding_dim, hidden_size, pad_id=0):
        super().__init__()
        self.embedding = nn.Embedding(vocab_size, embedding_dim, padding_idx=pad_id)
        self.rnn = nn.GRU(embedding_dim, hidden_size, batch_first=True)
        self.output = nn.Linear(hidden_size, vocab_size)

    def step(self, previous_tokens, state):
        """previous_tokens (B,) int64, state (1, B, H) -> logits (B, V), new state (1, B, H)."""
        output, state = self.rnn(self.embedding(previous_tokens).unsqueeze(1), state)
        return self.output(output[:, 0]), state

    def forward(self, target_input, state):
        """Teacher forcing: target_input (B, T) int64, state (1, B, H) -> logits (B, T, V), final state (1, B, H)."""
        outputs, final_state = self.rnn(self.embedding(target_input))  # the GRU starts from zeros
        return self.output(outputs), final_state
''',
        "why": "the teacher-forced forward ignores the given state (the context vector) and starts from zeros",
        "alternative": '''# The tests also check `step` alone through DecoderStep (the cell after this one), whose forward is one step.
class Decoder(nn.Module):
    """Target embedding + one-layer GRU + linear read-out; one step at a time or teacher-forced."""

    def __init__(self, vocab_size, embedding_dim, hidden_size, pad_id=0):
        super().__init__()
        self.embedding = nn.Embedding(vocab_size, embedding_dim, pad_id)
        self.rnn = nn.GRU(embedding_dim, hidden_size, num_layers=1, batch_first=True)
        self.output = nn.Linear(hidden_size, vocab_size, bias=True)

    def step(self, previous_tokens, state):
        """previous_tokens (B,) int64, state (1, B, H) -> logits (B, V), new state (1, B, H)."""
        one_step = self.embedding(previous_tokens)[:, None, :]  # (B, 1, E)
        outputs, new_state = self.rnn(one_step, state)
        return self.output(outputs[:, 0, :]), new_state

    def forward(self, target_input, state):
        """Teacher forcing: target_input (B, T) int64, state (1, B, H) -> logits (B, T, V), final state (1, B, H)."""
        columns = []
        for tokens in target_input.unbind(dim=1):  # the same steps as generation, one column at a time
            step_logits, state = self.step(tokens, state)
            columns.append(step_logits)
        return torch.stack(columns, dim=1), state
''',
    },
    "masked_sequence_loss": {
        "denied": '''def masked_sequence_loss(logits, targets, pad_id=0):
    """Mean cross-entropy over the positions where targets != pad_id: logits (B, T, V), targets (B, T) -> 0-dim tensor."""
    logits = torch.as_tensor(logits)
    targets = torch.as_tensor(targets).long()
    return F.cross_entropy(logits.flatten(0, 1), targets.flatten(), ignore_index=pad_id)
''',
        "wrong": '''def masked_sequence_loss(logits, targets, pad_id=0):
    """Mean cross-entropy over the positions where targets != pad_id: logits (B, T, V), targets (B, T) -> 0-dim tensor."""
    logits = torch.as_tensor(logits)
    targets = torch.as_tensor(targets).long()
    log_probs = torch.log_softmax(logits, dim=-1)
    picked = log_probs.gather(2, targets.unsqueeze(2)).squeeze(2)  # (B, T)
    mask = (targets != pad_id).to(picked.dtype)
    return -(picked * mask).sum() / mask.numel()  # mean over the batch's positions
''',
        "why": "divides by all B * T positions, padding included, instead of the number of real tokens",
        "alternative": '''def masked_sequence_loss(logits, targets, pad_id=0):
    """Mean cross-entropy over the positions where targets != pad_id: logits (B, T, V), targets (B, T) -> 0-dim tensor."""
    logits = torch.as_tensor(logits)
    targets = torch.as_tensor(targets).to(logits.device).long()
    real = targets != pad_id
    scores = logits[real]  # (N, V): only the real positions
    wanted = targets[real]  # (N,)
    negative_log_likelihood = torch.logsumexp(scores, dim=-1) - scores.gather(1, wanted[:, None])[:, 0]
    return negative_log_likelihood.mean()
''',
    },
    "greedy_decode": {
        "wrong": '''# The tests call greedy_decode directly and through decode_with_tiny_model (the cell above).
def greedy_decode(encoder, decoder, source, source_lengths, bos_id, eos_id, max_length):
    """Most likely token at every step until each row's eos or max_length: (token lists without eos, log-probabilities)."""
    batch = source.shape[0]
    sequences = [[] for _ in range(batch)]
    log_probs = [0.0] * batch
    with torch.no_grad():
        _, state = encoder(source, source_lengths)
        previous = torch.full((batch,), bos_id, dtype=torch.long, device=source.device)
        for _ in range(max_length):
            logits, state = decoder.step(previous, state)
            step_log_probs = torch.log_softmax(logits, dim=-1)
            previous = logits.argmax(dim=-1)
            for row in range(batch):
                log_probs[row] += float(step_log_probs[row, previous[row]])
                if int(previous[row]) != eos_id:
                    sequences[row].append(int(previous[row]))
            if bool((previous == eos_id).any()):  # a sequence is done: stop
                break
    return sequences, log_probs
''',
        "why": "stops the whole batch at the first <eos> of any row",
        "alternative": '''# The tests call greedy_decode directly and through decode_with_tiny_model (the cell above).
def greedy_decode(encoder, decoder, source, source_lengths, bos_id, eos_id, max_length):
    """Most likely token at every step until each row's eos or max_length: (token lists without eos, log-probabilities)."""
    n_rows = source.shape[0]
    chosen_steps, scores_steps = [], []  # one (B,) tensor per step
    with torch.no_grad():
        state = encoder(source, source_lengths)[1]
        previous = torch.full((n_rows,), bos_id, dtype=torch.long, device=source.device)
        ended = torch.zeros(n_rows, dtype=torch.bool, device=source.device)
        for _ in range(max_length):
            logits, state = decoder.step(previous, state)
            previous = torch.argmax(logits, dim=-1)
            step_scores = torch.log_softmax(logits, dim=-1).gather(-1, previous.unsqueeze(-1)).squeeze(-1)
            chosen_steps.append(previous.cpu())
            scores_steps.append(step_scores.double().cpu())
            ended = ended | (previous == eos_id)
            if bool(ended.all()):
                break
    sequences, totals = [], []
    for row in range(n_rows):  # cut every row after its own first eos
        tokens, total = [], 0.0
        for chosen, scores in zip(chosen_steps, scores_steps):
            total += float(scores[row])
            if int(chosen[row]) == eos_id:
                break
            tokens.append(int(chosen[row]))
        sequences.append(tokens)
        totals.append(total)
    return sequences, totals
''',
    },
    "train_number_reader": {
        "denied": _FIT_SEQ2SEQ + '''def train_number_reader(examples):
    """A trained (encoder, decoder) pair for (words, digits) examples."""
    torch.manual_seed(0)
    model = seq2seq.Seq2Seq(len(source_vocab), len(target_vocab), 32, 128, PAD_ID).to(device)
    data = seq2seq.TransductionTask("numbers", [(list(w), list(d)) for w, d in examples], [], [], source_vocab, target_vocab)
    seq2seq.train_seq2seq(model, data, epochs=4, progress=False)
    return model, data


def predict_number_reader(model, sources):
    """Greedy digits, one str per source word list."""
    model, data = model
    return ["".join(digits) for digits in seq2seq.translate(model, [(list(s), ["0"]) for s in sources], data)]
''',
        "wrong": '''def fit_seq2seq(encoder, decoder, examples, epochs, batch_size=64, learning_rate=0.01, clip_norm=1.0, seed=0,
                valid_examples=None):
    """Teacher-forced training of encoder and decoder, in place; returns {"loss": [...], "valid_exact_match": [...]}."""
    torch.manual_seed(seed)
    rng = np.random.default_rng(seed)
    parameters = list(encoder.parameters()) + list(decoder.parameters())
    optimizer = torch.optim.Adam(parameters, lr=learning_rate)
    history = {"loss": [], "valid_exact_match": []}
    for _ in tqdm(range(epochs)):
        encoder.train()
        decoder.train()
        for batch in iterate_batches(examples, batch_size, source_vocab, target_vocab, rng, device):
            _, context = encoder(batch.source, batch.source_lengths)
            logits, _ = decoder(batch.target_output, context)  # the decoder reads the targets it must predict
            loss = masked_sequence_loss(logits, batch.target_output, PAD_ID)
            optimizer.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(parameters, clip_norm)
            optimizer.step()
            history["loss"].append(loss.item())
        if valid_examples is not None:
            predictions = predict_number_reader((encoder, decoder), [words for words, _ in valid_examples])
            right = [p == "".join(digits) for p, (_, digits) in zip(predictions, valid_examples)]
            history["valid_exact_match"].append(float(np.mean(right)))
    return history


def train_number_reader(examples):
    """A trained (encoder, decoder) pair for (words, digits) examples."""
    torch.manual_seed(0)
    encoder = Encoder(len(source_vocab), 32, 128, PAD_ID).to(device)
    decoder = Decoder(len(target_vocab), 32, 128, PAD_ID).to(device)
    fit_seq2seq(encoder, decoder, examples, epochs=4)
    return encoder, decoder


def predict_number_reader(model, sources):
    """Greedy digits, one str per source word list."""
    encoder, decoder = model
    encoder.eval()
    decoder.eval()
    predictions = []
    for start in range(0, len(sources), 500):
        source, lengths = source_batch(sources[start:start + 500])
        sequences, _ = greedy_decode(encoder, decoder, source, lengths, BOS_ID, EOS_ID, MAX_OUTPUT_LENGTH)
        predictions += ["".join(target_vocab.decode(ids)) for ids in sequences]
    return predictions
''',
        "why": "teacher forcing without the shift: the decoder reads target_output, learns to copy its input, and greedy decoding fails",
        "alternative": _FIT_SEQ2SEQ + '''def train_number_reader(examples):
    """A trained (encoder, decoder) pair for (words, digits) examples."""
    torch.manual_seed(0)
    reader = (Encoder(len(source_vocab), 32, 128, PAD_ID).to(device),
              Decoder(len(target_vocab), 32, 128, PAD_ID).to(device))
    fit_seq2seq(*reader, examples, epochs=5, batch_size=64, learning_rate=0.01)  # one epoch more than the recipe
    return reader


def predict_number_reader(model, sources):
    """Greedy digits, one str per source word list."""
    encoder, decoder = model
    for module in model:
        module.eval()
    digits = []
    start = 0
    while start < len(sources):
        ids, lengths = source_batch(sources[start:start + 500])
        decoded, _ = greedy_decode(encoder, decoder, ids, lengths, BOS_ID, EOS_ID, MAX_OUTPUT_LENGTH)
        digits.extend("".join(target_vocab.decode(sequence)) for sequence in decoded)
        start += 500
    return digits
''',
    },
    "last_real_states": {
        "wrong": '''def last_real_states(outputs, lengths):
    """Each row's state after its last real position: outputs (B, L, H), lengths (B,) -> (B, H)."""
    outputs = torch.as_tensor(outputs)
    lengths = torch.as_tensor(lengths, dtype=torch.long)
    if (lengths < 1).any() or (lengths > outputs.shape[1]).any():
        raise ValueError("length out of range")
    index = lengths.clamp(max=outputs.shape[1] - 1)              # off by one: position lengths[b], not lengths[b] - 1
    return outputs[torch.arange(outputs.shape[0]), index]
''',
        "why": "reads position lengths[b] (the first padded position, clamped for full rows) instead of lengths[b] - 1",
        "alternative": '''def last_real_states(outputs, lengths):
    """Each row's state after its last real position: outputs (B, L, H), lengths (B,) -> (B, H)."""
    outputs = torch.as_tensor(outputs)
    lengths = torch.as_tensor(lengths).long().to(outputs.device)
    batch, width, hidden = outputs.shape
    if lengths.min().item() < 1 or lengths.max().item() > width:
        raise ValueError(f"lengths must lie in [1, {width}]")
    index = (lengths - 1).view(batch, 1, 1).expand(batch, 1, hidden)   # (B, 1, H)
    return outputs.gather(1, index).squeeze(1)
''',
    },
    "quiz": {
        "wrong": '''import math


class QuizEncoder(nn.Module):
    """Ignores the source; the state is a dummy (1, B, 1) tensor."""
    def forward(self, source, source_lengths):
        return None, torch.zeros(1, source.shape[0], 1)


class QuizDecoder(nn.Module):
    """Logit 2 for (previous + 1) % 6, logit 0 for the five other tokens."""
    def step(self, previous_tokens, state):
        logits = torch.zeros(previous_tokens.shape[0], 6)
        logits[torch.arange(previous_tokens.shape[0]), (previous_tokens + 1) % 6] = 2.0
        return logits, state


quiz_targets = [[7, 4, 4], [], [5, 6, 7, 8, 9]]
quiz_logits = torch.zeros(2, 3, 5)
quiz_logits[..., 4] = math.log(4)
quiz_loss_targets = torch.tensor([[4, 2, 0], [4, 0, 0]])
# Set the six variables below.
predicted_output_padding = 2 + 5 + 0
predicted_skewed_loss = (2 * math.log(2) + math.log(8) + 3 * math.log(5)) / 6   # counts the padded positions
predicted_greedy_log_prob = 3 * (2 - math.log(math.exp(2) + 5))                  # leaves out the <eos> step
_, quiz_output = shift_for_teacher_forcing(quiz_targets, bos_id=1, eos_id=2, pad_id=0)
measured_output_padding = int((quiz_output == 0).sum())
measured_skewed_loss = float(masked_sequence_loss(quiz_logits, quiz_loss_targets, pad_id=0))
_, quiz_log_probs = greedy_decode(QuizEncoder(), QuizDecoder(), torch.zeros(1, 1, dtype=torch.long), torch.tensor([1]),
                                  bos_id=1, eos_id=5, max_length=10)
measured_greedy_log_prob = float(quiz_log_probs[0])
''',
        "why": "predicts a loss averaged over the padded positions too, and a greedy log-probability without the <eos> step",
        "alternative": '''import math


class QuizEncoder(nn.Module):
    """Ignores the source; the state is a dummy (1, B, 1) tensor."""
    def forward(self, source, source_lengths):
        return None, torch.zeros(1, source.shape[0], 1)


class QuizDecoder(nn.Module):
    """Logit 2 for (previous + 1) % 6, logit 0 for the five other tokens."""
    def step(self, previous_tokens, state):
        logits = torch.zeros(previous_tokens.shape[0], 6)
        logits[torch.arange(previous_tokens.shape[0]), (previous_tokens + 1) % 6] = 2.0
        return logits, state


quiz_targets = [[7, 4, 4], [], [5, 6, 7, 8, 9]]
quiz_logits = torch.zeros(2, 3, 5)
quiz_logits[..., 4] = math.log(4)
quiz_loss_targets = torch.tensor([[4, 2, 0], [4, 0, 0]])
# Set the six variables below.
width = max(len(t) for t in quiz_targets) + 1
predicted_output_padding = sum(width - (len(t) + 1) for t in quiz_targets)
p_four, p_other = 4 / (4 + 4), 1 / (4 + 4)
predicted_skewed_loss = -(math.log(p_four) + math.log(p_other) + math.log(p_four)) / 3
step = 2.0 - math.log(math.exp(2.0) + 5.0)
predicted_greedy_log_prob = step + step + step + step
decoder_input, decoder_output = shift_for_teacher_forcing([list(t) for t in quiz_targets], 1, 2, 0)
measured_output_padding = int(decoder_output.eq(0).sum().item())
measured_skewed_loss = masked_sequence_loss(quiz_logits.numpy(), quiz_loss_targets.numpy(), 0).item()
sequences, scores = greedy_decode(QuizEncoder(), QuizDecoder(), torch.tensor([[3]]), torch.tensor([1]), 1, 5, 10)
measured_greedy_log_prob = float(scores[0])
''',
    },
}
