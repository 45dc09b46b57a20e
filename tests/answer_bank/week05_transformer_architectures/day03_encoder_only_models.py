"""Answer bank of week05_transformer_architectures day03_encoder_only_models: a plausible wrong answer and a correct alternative per exercise."""

BANK = {
    "bert_pair_inputs": {
        "wrong": '''def bert_pair_inputs(pairs, cls_id, sep_id, pad_id, max_length=None):
    """BERT inputs for B (first, second-or-None) lists of ids: a dict of four int64 tensors (B, L)."""
    rows = []
    for first, second in pairs:
        first, second = list(first), None if second is None else list(second)
        if max_length is not None:
            budget = max_length - (2 if second is None else 3)
            if budget < 0:
                raise ValueError("max_length too small")
            if second is None:
                first = first[:budget]
            elif len(first) + len(second) > budget:
                shorter = min(len(first), len(second))
                keep_shorter = shorter if shorter <= budget - shorter else budget // 2
                if len(first) > len(second):
                    first, second = first[:budget - keep_shorter], second[:keep_shorter]
                else:
                    first, second = first[:keep_shorter], second[:budget - keep_shorter]
        ids = [cls_id] + first + [sep_id]
        segments = [0] * (len(ids) - 1) + [1]  # the [SEP] that closes sentence A already counted as segment B
        if second is not None:
            ids += second + [sep_id]
            segments += [1] * (len(second) + 1)
        else:
            segments[-1] = 0
        rows.append((ids, segments))
    length = max(len(ids) for ids, _ in rows)
    input_ids = torch.full((len(rows), length), pad_id, dtype=torch.long)
    token_type_ids = torch.zeros((len(rows), length), dtype=torch.long)
    attention_mask = torch.zeros((len(rows), length), dtype=torch.long)
    for row, (ids, segments) in enumerate(rows):
        input_ids[row, :len(ids)] = torch.tensor(ids)
        token_type_ids[row, :len(ids)] = torch.tensor(segments)
        attention_mask[row, :len(ids)] = 1
    return {"input_ids": input_ids, "token_type_ids": token_type_ids,
            "position_ids": torch.arange(length).repeat(len(rows), 1), "attention_mask": attention_mask}
''',
        "why": "gives the [SEP] that closes the first segment segment id 1 instead of 0",
        "alternative": '''def bert_pair_inputs(pairs, cls_id, sep_id, pad_id, max_length=None):
    """BERT inputs for B (first, second-or-None) lists of ids: a dict of four int64 tensors (B, L)."""
    from torch.nn.utils.rnn import pad_sequence

    def keep_lengths(a, b, budget):
        if a + b <= budget:
            return a, b
        short = min(a, b)
        kept_short = short if 2 * short <= budget else budget // 2
        kept_long = budget - kept_short
        return (kept_long, kept_short) if a > b else (kept_short, kept_long)

    id_rows, type_rows = [], []
    for pair in pairs:
        first, second = pair[0], pair[1]
        n_special = 2 if second is None else 3
        if max_length is not None and max_length < n_special:
            raise ValueError("max_length cannot hold the special tokens")
        if second is None:
            a = len(first) if max_length is None else min(len(first), max_length - 2)
            pieces = [[cls_id], list(first[:a]), [sep_id]]
            types = [0] * (a + 2)
        else:
            a, b = (len(first), len(second)) if max_length is None else keep_lengths(len(first), len(second), max_length - 3)
            pieces = [[cls_id], list(first[:a]), [sep_id], list(second[:b]), [sep_id]]
            types = [0] * (a + 2) + [1] * (b + 1)
        id_rows.append(torch.tensor([token for piece in pieces for token in piece], dtype=torch.int64))
        type_rows.append(torch.tensor(types, dtype=torch.int64))
    input_ids = pad_sequence(id_rows, batch_first=True, padding_value=pad_id)
    token_type_ids = pad_sequence(type_rows, batch_first=True, padding_value=0)
    attention_mask = pad_sequence([torch.ones_like(row) for row in id_rows], batch_first=True, padding_value=0)
    position_ids = torch.arange(input_ids.shape[1], dtype=torch.int64)[None, :].expand(input_ids.shape[0], -1).contiguous()
    return dict(input_ids=input_ids, token_type_ids=token_type_ids, position_ids=position_ids, attention_mask=attention_mask)
''',
    },
    "BertInputEmbeddings": {
        "wrong": '''class BertInputEmbeddings(nn.Module):
    """LayerNorm(word + position + segment embeddings): ids (B, L) -> vectors (B, L, hidden_size)."""

    def __init__(self, vocab_size, hidden_size, max_position_embeddings=512, type_vocab_size=2, layer_norm_eps=1e-12):
        super().__init__()
        self.word_embeddings = nn.Embedding(vocab_size, hidden_size)
        self.position_embeddings = nn.Embedding(max_position_embeddings, hidden_size)
        self.token_type_embeddings = nn.Embedding(type_vocab_size, hidden_size)
        self.LayerNorm = nn.LayerNorm(hidden_size, eps=layer_norm_eps)

    def forward(self, input_ids, token_type_ids=None, position_ids=None):
        input_ids = torch.as_tensor(input_ids)
        if token_type_ids is None:
            token_type_ids = torch.zeros_like(input_ids)
        positions = torch.arange(input_ids.shape[1])[None, :]  # always 0..L-1: the position_ids argument is ignored
        return self.LayerNorm(self.word_embeddings(input_ids) + self.position_embeddings(positions)
                              + self.token_type_embeddings(torch.as_tensor(token_type_ids)))
''',
        "why": "ignores the position_ids it is given and always uses 0..L-1",
        "alternative": '''class BertInputEmbeddings(nn.Module):
    """LayerNorm(word + position + segment embeddings): ids (B, L) -> vectors (B, L, hidden_size)."""

    def __init__(self, vocab_size, hidden_size, max_position_embeddings=512, type_vocab_size=2, layer_norm_eps=1e-12):
        super().__init__()
        self.word_embeddings = nn.Embedding(vocab_size, hidden_size)
        self.position_embeddings = nn.Embedding(max_position_embeddings, hidden_size)
        self.token_type_embeddings = nn.Embedding(type_vocab_size, hidden_size)
        self.LayerNorm = nn.LayerNorm(hidden_size, eps=layer_norm_eps)
        self.eps = layer_norm_eps

    def forward(self, input_ids, token_type_ids=None, position_ids=None):
        ids = torch.as_tensor(input_ids)
        batch, length = ids.shape
        segments = torch.zeros(batch, length, dtype=torch.long) if token_type_ids is None else torch.as_tensor(token_type_ids)
        positions = torch.arange(length).unsqueeze(0).repeat(batch, 1) if position_ids is None else torch.as_tensor(position_ids)
        total = (F.embedding(ids, self.word_embeddings.weight) + F.embedding(positions, self.position_embeddings.weight)
                 + F.embedding(segments, self.token_type_embeddings.weight))
        centred = total - total.mean(dim=-1, keepdim=True)
        variance = (centred ** 2).mean(dim=-1, keepdim=True)
        return centred / torch.sqrt(variance + self.eps) * self.LayerNorm.weight + self.LayerNorm.bias
''',
        "denied": '''from transformers import BertConfig
from transformers.models.bert.modeling_bert import BertEmbeddings


class BertInputEmbeddings(BertEmbeddings):
    """LayerNorm(word + position + segment embeddings): ids (B, L) -> vectors (B, L, hidden_size)."""

    def __init__(self, vocab_size, hidden_size, max_position_embeddings=512, type_vocab_size=2, layer_norm_eps=1e-12):
        super().__init__(BertConfig(vocab_size=vocab_size, hidden_size=hidden_size, num_attention_heads=1,
                                    max_position_embeddings=max_position_embeddings, type_vocab_size=type_vocab_size,
                                    layer_norm_eps=layer_norm_eps, hidden_dropout_prob=0.0))

    def forward(self, input_ids, token_type_ids=None, position_ids=None):
        return super().forward(input_ids=torch.as_tensor(input_ids), token_type_ids=token_type_ids, position_ids=position_ids)
''',
    },
    "mask_tokens": {
        "wrong": '''def mask_tokens(input_ids, special_tokens_mask, mask_id, vocab_size, mlm_probability=0.15, seed=0):
    """BERT's masking: (masked_input_ids, labels), both int64 (B, L); labels -100 where not chosen."""
    input_ids = torch.as_tensor(input_ids, dtype=torch.long)
    special = torch.as_tensor(special_tokens_mask, dtype=torch.bool)
    generator = torch.Generator().manual_seed(seed)
    chosen = (torch.rand(input_ids.shape, generator=generator) < mlm_probability) & ~special
    labels = torch.where(chosen, input_ids, torch.full_like(input_ids, -100))
    masked = input_ids.clone()
    to_mask = chosen & (torch.rand(input_ids.shape, generator=generator) < 0.8)
    masked[to_mask] = mask_id
    # 10% random: but drawn as 10% of the REMAINING positions, which makes it 2% of the chosen ones
    to_random = chosen & ~to_mask & (torch.rand(input_ids.shape, generator=generator) < 0.1)
    masked[to_random] = torch.randint(vocab_size, input_ids.shape, generator=generator)[to_random]
    return masked, labels
''',
        "why": "draws the random replacement with probability 0.1 among the 20% left instead of 0.5, so 18% of the chosen stay unchanged",
        "alternative": '''def mask_tokens(input_ids, special_tokens_mask, mask_id, vocab_size, mlm_probability=0.15, seed=0):
    """BERT's masking: (masked_input_ids, labels), both int64 (B, L); labels -100 where not chosen."""
    rng = np.random.default_rng(seed)
    original = np.asarray(torch.as_tensor(input_ids), dtype=np.int64)
    blocked = np.asarray(torch.as_tensor(special_tokens_mask), dtype=bool)
    chosen = (rng.random(original.shape) < mlm_probability) & ~blocked
    action = rng.choice(3, size=original.shape, p=[0.8, 0.1, 0.1])  # 0: [MASK], 1: random, 2: keep
    random_ids = rng.integers(0, vocab_size, size=original.shape)
    corrupted = np.where(chosen & (action == 0), mask_id, original)
    corrupted = np.where(chosen & (action == 1), random_ids, corrupted)
    labels = np.where(chosen, original, -100)
    return torch.from_numpy(corrupted.astype(np.int64)), torch.from_numpy(labels.astype(np.int64))
''',
        "denied": '''def mask_tokens(input_ids, special_tokens_mask, mask_id, vocab_size, mlm_probability=0.15, seed=0):
    """BERT's masking: (masked_input_ids, labels), both int64 (B, L); labels -100 where not chosen."""
    from transformers import DataCollatorForLanguageModeling

    class Vocabulary:  # the little the collator needs from a tokenizer
        mask_token = "[MASK]"

        def convert_tokens_to_ids(self, token):
            return mask_id

        def __len__(self):
            return vocab_size

    torch.manual_seed(seed)
    collator = DataCollatorForLanguageModeling(Vocabulary(), mlm_probability=mlm_probability)
    return collator.torch_mask_tokens(torch.as_tensor(input_ids, dtype=torch.long).clone(),
                                      special_tokens_mask=torch.as_tensor(special_tokens_mask, dtype=torch.bool))
''',
    },
    "pool_hidden_states": {
        "wrong": '''def pool_hidden_states(hidden_states, attention_mask, strategy):
    """One vector per text from token vectors (B, L, d) and a mask (B, L): 'cls', 'mean' or 'max' -> (B, d)."""
    hidden = torch.as_tensor(hidden_states)
    real = torch.as_tensor(attention_mask).to(hidden.dtype).unsqueeze(-1)
    if strategy == "cls":
        return hidden[:, 0]
    if strategy == "mean":
        return (hidden * real).sum(dim=1) / real.sum(dim=1)
    if strategy == "max":
        return (hidden * real).max(dim=1).values  # padding becomes 0, which beats negative features
    raise ValueError(f"unknown strategy {strategy!r}")
''',
        "why": "max pooling zeroes the padding instead of filling it with -inf, so a feature negative at every real token comes out as 0",
        "alternative": '''def pool_hidden_states(hidden_states, attention_mask, strategy):
    """One vector per text from token vectors (B, L, d) and a mask (B, L): 'cls', 'mean' or 'max' -> (B, d)."""
    if strategy not in ("cls", "mean", "max"):
        raise ValueError("strategy must be one of cls, mean, max")
    hidden = torch.as_tensor(hidden_states)
    keep = torch.as_tensor(attention_mask) != 0                                # (B, L)
    rows = []
    for vectors, row_keep in zip(hidden, keep):                                # one text at a time
        real_vectors = vectors[row_keep]                                       # (n_real, d)
        if strategy == "cls":
            rows.append(vectors[0])
        elif strategy == "mean":
            rows.append(real_vectors.sum(dim=0) / real_vectors.shape[0])
        else:
            rows.append(real_vectors.max(dim=0).values)
    return torch.stack(rows)
''',
        "denied": '''def pool_hidden_states(hidden_states, attention_mask, strategy):
    """One vector per text from token vectors (B, L, d) and a mask (B, L): 'cls', 'mean' or 'max' -> (B, d)."""
    from sentence_transformers.models import Pooling

    if strategy not in ("cls", "mean", "max"):
        raise ValueError("strategy must be one of cls, mean, max")
    hidden = torch.as_tensor(hidden_states)
    pooling = Pooling(hidden.shape[-1], pooling_mode=strategy)
    features = {"token_embeddings": hidden, "attention_mask": torch.as_tensor(attention_mask).long()}
    return pooling(features)["sentence_embedding"]
''',
    },
    "mlm_collate": {
        "wrong": '''def mlm_collate(id_lists, pad_id, special_ids, mask_id, vocab_size, mlm_probability=0.15, seed=0):
    """Pad lists of ids into a batch and mask it for MLM: {"input_ids", "attention_mask", "labels"}, each (B, L) int64."""
    batch, longest = len(id_lists), max(len(ids) for ids in id_lists)
    input_ids = torch.full((batch, longest), pad_id, dtype=torch.long)
    for row, ids in enumerate(id_lists):
        input_ids[row, :len(ids)] = torch.as_tensor(ids, dtype=torch.long)
    attention_mask = (input_ids != pad_id).long()
    special_tokens_mask = torch.isin(input_ids, torch.as_tensor(list(special_ids), dtype=torch.long))  # padding only if pad_id is listed
    masked, labels = mask_tokens(input_ids, special_tokens_mask, mask_id, vocab_size, mlm_probability, seed)
    return {"input_ids": masked, "attention_mask": attention_mask, "labels": labels}
''',
        "why": "marks only the ids in special_ids as never-to-choose, so padding is chosen whenever pad_id is not among them",
        "alternative": '''def mlm_collate(id_lists, pad_id, special_ids, mask_id, vocab_size, mlm_probability=0.15, seed=0):
    """Pad lists of ids into a batch and mask it for MLM: {"input_ids", "attention_mask", "labels"}, each (B, L) int64."""
    from torch.nn.utils.rnn import pad_sequence

    rows = [torch.tensor(list(ids), dtype=torch.int64) for ids in id_lists]
    input_ids = pad_sequence(rows, batch_first=True, padding_value=pad_id)
    attention_mask = pad_sequence([torch.ones(len(row), dtype=torch.int64) for row in rows], batch_first=True)
    never = (attention_mask == 0)
    for special in special_ids:
        never |= input_ids == int(special)
    masked, labels = mask_tokens(input_ids, never, mask_id, vocab_size, mlm_probability, seed)
    return {"input_ids": masked, "attention_mask": attention_mask, "labels": labels}
''',
        "denied": '''def mlm_collate(id_lists, pad_id, special_ids, mask_id, vocab_size, mlm_probability=0.15, seed=0):
    """Pad lists of ids into a batch and mask it for MLM: {"input_ids", "attention_mask", "labels"}, each (B, L) int64."""
    from transformers import DataCollatorForLanguageModeling

    class Vocabulary:  # the little the collator needs from a tokenizer
        mask_token = "[MASK]"

        def convert_tokens_to_ids(self, token):
            return mask_id

        def __len__(self):
            return vocab_size

    longest = max(len(ids) for ids in id_lists)
    input_ids = torch.full((len(id_lists), longest), pad_id, dtype=torch.long)
    attention_mask = torch.zeros_like(input_ids)
    for row, ids in enumerate(id_lists):
        input_ids[row, :len(ids)] = torch.as_tensor(ids)
        attention_mask[row, :len(ids)] = 1
    never = (attention_mask == 0) | torch.isin(input_ids, torch.as_tensor(list(special_ids)))
    torch.manual_seed(seed)
    collator = DataCollatorForLanguageModeling(Vocabulary(), mlm_probability=mlm_probability)
    masked, labels = collator.torch_mask_tokens(input_ids.clone(), special_tokens_mask=never)
    return {"input_ids": masked, "attention_mask": attention_mask, "labels": labels}
''',
    },
    "train_masked_lm": {
        "wrong": '''def train_masked_lm(sentences, epochs=8, batch_size=32, learning_rate=2e-3, seed=0, after_epoch=None):
    """A tiny BertForMaskedLM trained on windows of `sentences`: returns (model in eval mode, vocabulary)."""
    torch.manual_seed(seed)
    rng = np.random.default_rng(seed)
    vocabulary = masked_lm.WordVocabulary.from_sentences(sentences)
    examples = [vocabulary.encode(window) for window in masked_lm.word_windows(sentences, width=5)]
    model = masked_lm.tiny_bert_for_masked_lm(len(vocabulary), seed=seed)
    optimizer = torch.optim.AdamW(model.parameters(), lr=learning_rate, weight_decay=0.01)
    steps = epochs * math.ceil(len(examples) / batch_size)
    schedule = torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr=learning_rate, total_steps=steps, pct_start=0.1,
                                                   anneal_strategy="linear")
    for epoch in tqdm(range(epochs), leave=False):
        model.train()
        order = rng.permutation(len(examples))
        losses = []
        for start in range(0, len(examples), batch_size):
            batch = mlm_collate([examples[i] for i in order[start:start + batch_size]], vocabulary.pad_id, vocabulary.special_ids,
                                vocabulary.mask_id, len(vocabulary), seed=int(rng.integers(2**31)))
            hidden = model.bert(input_ids=batch["input_ids"], attention_mask=batch["attention_mask"]).last_hidden_state
            chosen = batch["labels"] != -100
            if not chosen.any():
                continue
            # the targets are taken from the corrupted input: mostly [MASK] itself
            loss = F.cross_entropy(model.cls(hidden[chosen]), batch["input_ids"][chosen])
            optimizer.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            schedule.step()
            losses.append(loss.item())
        if after_epoch is not None:
            after_epoch(epoch, model, vocabulary, float(np.mean(losses)))
    return model.eval(), vocabulary


def predict_masked_words(trained, windows):
    """The most probable ordinary word at the [MASK] of every window: one str per window."""
    model, vocabulary = trained
    model.eval()
    predictions = []
    with torch.no_grad():
        for start in range(0, len(windows), 1000):
            input_ids, attention_mask = masked_lm.pad_batch([vocabulary.encode(w) for w in windows[start:start + 1000]])
            hidden = model.bert(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
            logits = model.cls(hidden[input_ids == vocabulary.mask_id])
            logits[:, list(vocabulary.special_ids)] = float("-inf")
            predictions += vocabulary.decode(logits.argmax(dim=-1).tolist())
    return predictions
''',
        "why": "takes the training targets from the corrupted input (mostly the [MASK] id) instead of from the labels",
        "alternative": '''def train_masked_lm(sentences, epochs=8, batch_size=32, learning_rate=2e-3, seed=0, after_epoch=None):
    """A tiny BertForMaskedLM trained on windows of `sentences`: returns (model in eval mode, vocabulary)."""
    torch.manual_seed(seed)
    rng = np.random.default_rng(seed)
    vocabulary = masked_lm.WordVocabulary.from_sentences(sentences)
    windows = masked_lm.word_windows(sentences, width=5)
    encoded = [vocabulary.encode(window) for window in windows]
    model = masked_lm.tiny_bert_for_masked_lm(len(vocabulary), seed=seed)
    optimizer = torch.optim.AdamW(model.parameters(), lr=learning_rate, weight_decay=0.01)
    n_batches = -(-len(encoded) // batch_size)
    schedule = torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr=learning_rate, total_steps=epochs * n_batches,
                                                   pct_start=0.1, anneal_strategy="linear")
    for epoch in tqdm(range(epochs), leave=False):
        model.train()
        shuffled = [encoded[i] for i in rng.permutation(len(encoded))]
        total, count = 0.0, 0
        for chunk in (shuffled[i:i + batch_size] for i in range(0, len(shuffled), batch_size)):
            batch = mlm_collate(chunk, vocabulary.pad_id, vocabulary.special_ids, vocabulary.mask_id, len(vocabulary),
                                seed=int(rng.integers(2**31)))
            if (batch["labels"] == -100).all():
                continue
            loss = model(**batch).loss  # the library's head on every position; its loss skips the -100 labels
            optimizer.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), max_norm=1.0)
            optimizer.step()
            schedule.step()
            total, count = total + loss.item(), count + 1
        if after_epoch:
            after_epoch(epoch, model, vocabulary, total / count)
    model.eval()
    return model, vocabulary


def predict_masked_words(trained, windows):
    """The most probable ordinary word at the [MASK] of every window: one str per window."""
    model, vocabulary = trained
    model.eval()
    blocked = torch.zeros(len(vocabulary), dtype=torch.bool)
    blocked[list(vocabulary.special_ids)] = True
    answers = []
    with torch.no_grad():
        for start in range(0, len(windows), 500):
            ids, mask = masked_lm.pad_batch([vocabulary.encode(window) for window in windows[start:start + 500]])
            logits = model(input_ids=ids, attention_mask=mask).logits          # (B, L, V)
            where = (ids == vocabulary.mask_id).float().argmax(dim=1)           # the [MASK] position of each row
            scores = logits[torch.arange(len(ids)), where].masked_fill(blocked, float("-inf"))
            answers.extend(vocabulary.tokens[int(best)] for best in scores.argmax(dim=1))
    return answers
''',
        "denied": '''def train_masked_lm(sentences, epochs=8, batch_size=32, learning_rate=2e-3, seed=0, after_epoch=None):
    """A tiny BertForMaskedLM trained on windows of `sentences`: returns (model in eval mode, vocabulary)."""
    from transformers import DataCollatorForLanguageModeling

    class Vocabulary(masked_lm.WordVocabulary):  # the library collator needs mask_token and the conversion
        mask_token = "[MASK]"

        def convert_tokens_to_ids(self, token):
            return self.ids[token]

    torch.manual_seed(seed)
    rng = np.random.default_rng(seed)
    vocabulary = Vocabulary(masked_lm.WordVocabulary.from_sentences(sentences).tokens[5:])
    examples = [vocabulary.encode(window) for window in masked_lm.word_windows(sentences, width=5)]
    collator = DataCollatorForLanguageModeling(vocabulary, mlm_probability=0.15)
    model = masked_lm.tiny_bert_for_masked_lm(len(vocabulary), seed=seed)
    optimizer = torch.optim.AdamW(model.parameters(), lr=learning_rate, weight_decay=0.01)
    steps = epochs * math.ceil(len(examples) / batch_size)
    schedule = torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr=learning_rate, total_steps=steps, pct_start=0.1,
                                                   anneal_strategy="linear")
    for epoch in range(epochs):
        model.train()
        order = rng.permutation(len(examples))
        for start in range(0, len(examples), batch_size):
            input_ids, attention_mask = masked_lm.pad_batch([examples[i] for i in order[start:start + batch_size]])
            never = (attention_mask == 0) | torch.isin(input_ids, torch.tensor(vocabulary.special_ids))
            masked, labels = collator.torch_mask_tokens(input_ids.clone(), special_tokens_mask=never)
            chosen = labels != -100
            if not chosen.any():
                continue
            hidden = model.bert(input_ids=masked, attention_mask=attention_mask).last_hidden_state
            loss = F.cross_entropy(model.cls(hidden[chosen]), labels[chosen])
            optimizer.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            schedule.step()
    return model.eval(), vocabulary


def predict_masked_words(trained, windows):
    """The most probable ordinary word at the [MASK] of every window: one str per window."""
    model, vocabulary = trained
    predictions = []
    with torch.no_grad():
        for start in range(0, len(windows), 1000):
            input_ids, attention_mask = masked_lm.pad_batch([vocabulary.encode(w) for w in windows[start:start + 1000]])
            hidden = model.bert(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
            logits = model.cls(hidden[input_ids == vocabulary.mask_id])
            logits[:, list(vocabulary.special_ids)] = float("-inf")
            predictions += vocabulary.decode(logits.argmax(dim=-1).tolist())
    return predictions
''',
    },
    "quiz": {
        "wrong": '''quiz_ids = torch.randint(5, 10, (4000, 22), generator=torch.Generator().manual_seed(0))  # ordinary tokens 5..9
quiz_ids[:, 0], quiz_ids[:, -1] = 2, 3                                                      # [CLS] ... [SEP]
quiz_special = torch.zeros(4000, 22, dtype=torch.bool)
quiz_special[:, [0, -1]] = True
# Set the six variables below (Python floats).
predicted_mask_share = 0.15 * 0.8          # forgets that [CLS] and [SEP] are never masked
predicted_unchanged_share = 0.1            # forgets the random draws that hit the original id
predicted_no_label_share = 0.85 ** 22      # counts the special positions as possible labels
quiz_masked, quiz_labels = mask_tokens(quiz_ids, quiz_special, 4, 10, 0.15, seed=0)
measured_mask_share = float((quiz_masked == 4).float().mean())
measured_unchanged_share = float((quiz_masked == quiz_labels).float().mean())  # over ALL positions, not the labelled ones
measured_no_label_share = float(((quiz_labels != -100).sum(dim=1) == 0).float().mean())
''',
        "why": "predicts 0.15 x 0.8 for all positions (the specials are never masked), ignores random draws of the original id, "
               "and measures the unchanged share over all positions instead of the labelled ones",
        "alternative": '''quiz_ids = torch.randint(5, 10, (4000, 22), generator=torch.Generator().manual_seed(0))  # ordinary tokens 5..9
quiz_ids[:, 0], quiz_ids[:, -1] = 2, 3                                                      # [CLS] ... [SEP]
quiz_special = torch.zeros(4000, 22, dtype=torch.bool)
quiz_special[:, [0, -1]] = True
# Set the six variables below (Python floats).
eligible_share = 20 / 22
predicted_mask_share = eligible_share * 0.15 * 0.8 + eligible_share * 0.15 * 0.1 * 0.1
predicted_unchanged_share = 0.11
predicted_no_label_share = float(np.exp(20 * np.log(1 - 0.15)))
masked_np, labels_np = (x.numpy() for x in mask_tokens(quiz_ids, quiz_special, 4, 10, 0.15, seed=0))
labelled = labels_np != -100
measured_mask_share = float(np.count_nonzero(masked_np == 4) / masked_np.size)
measured_unchanged_share = float(np.count_nonzero(masked_np[labelled] == labels_np[labelled]) / np.count_nonzero(labelled))
measured_no_label_share = float(np.mean(labelled.sum(axis=1) == 0))
''',
    },
}
