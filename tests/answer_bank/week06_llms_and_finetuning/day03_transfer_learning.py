"""Answer bank of week06_llms_and_finetuning day03_transfer_learning: a plausible wrong answer, a correct
alternative and (where the checks deny a call) a denied answer per exercise."""

BANK = {
    "freeze_all_but_top_k": {
        "wrong": '''def freeze_all_but_top_k(model, k):
    """Freeze everything, then unfreeze the top k layers and the head."""
    layers = model.bert.encoder.layer
    if not 0 <= k <= len(layers):
        raise ValueError("k out of range")
    for parameter in model.parameters():
        parameter.requires_grad = False
    for layer in layers[-k:]:                      # k = 0 gives layers[0:], every layer
        for parameter in layer.parameters():
            parameter.requires_grad = True
    for module in (model.classifier, getattr(model.bert, "pooler", None)):
        if module is not None:
            for parameter in module.parameters():
                parameter.requires_grad = True
    if k == len(layers):
        for parameter in model.bert.embeddings.parameters():
            parameter.requires_grad = True
    return sum(p.numel() for p in model.parameters() if p.requires_grad)
''',
        "why": "slices the layers with layers[-k:], which for k = 0 is the whole list: 'head only' trains every layer",
        "alternative": '''def freeze_all_but_top_k(model, k):
    """Decide each parameter by its name."""
    depth = model.config.num_hidden_layers
    if k < 0 or k > depth:
        raise ValueError(f"k={k} is not in 0..{depth}")
    frozen_prefixes = [f"bert.encoder.layer.{i}." for i in range(depth - k)]
    if k != depth:
        frozen_prefixes.append("bert.embeddings.")
    total = 0
    for name, parameter in model.named_parameters():
        trainable = not any(name.startswith(prefix) for prefix in frozen_prefixes)
        parameter.requires_grad = trainable
        total += parameter.numel() if trainable else 0
    return int(total)
''',
    },
    "SequenceClassificationHead": {
        "wrong": '''class SequenceClassificationHead(nn.Module):
    """Pooler on [CLS], dropout, linear."""

    def __init__(self, hidden_size, num_labels, dropout=0.1):
        super().__init__()
        self.dense = nn.Linear(hidden_size, hidden_size)
        self.dropout = nn.Dropout(dropout)
        self.classifier = nn.Linear(hidden_size, num_labels)

    def forward(self, hidden_states):
        pooled = self.dense(hidden_states[:, 0])          # the pooler's tanh is missing
        return self.classifier(self.dropout(pooled))

    def load_from(self, library_model):
        self.dense.load_state_dict(library_model.bert.pooler.dense.state_dict())
        self.classifier.load_state_dict(library_model.classifier.state_dict())
        return self
''',
        "why": "forgets the tanh of BERT's pooler: the logits are a different (linear) function of [CLS]",
        "alternative": '''class SequenceClassificationHead(nn.Module):
    """Pooler on [CLS], dropout, linear, written with F.linear."""

    def __init__(self, hidden_size, num_labels, dropout=0.1):
        super().__init__()
        self.dense = nn.Linear(hidden_size, hidden_size)
        self.dropout = nn.Dropout(p=dropout)
        self.classifier = nn.Linear(hidden_size, num_labels)

    def forward(self, hidden_states):
        first = hidden_states.select(1, 0)
        pooled = F.linear(first, self.dense.weight, self.dense.bias).tanh()
        return F.linear(self.dropout(pooled), self.classifier.weight, self.classifier.bias)

    def load_from(self, library_model):
        with torch.no_grad():
            self.dense.weight.copy_(library_model.bert.pooler.dense.weight)
            self.dense.bias.copy_(library_model.bert.pooler.dense.bias)
            self.classifier.weight.copy_(library_model.classifier.weight)
            self.classifier.bias.copy_(library_model.classifier.bias)
        return self
''',
        "denied": '''from transformers.models.bert.modeling_bert import BertPooler


class SequenceClassificationHead(nn.Module):
    """Borrows the library's pooler forward."""

    def __init__(self, hidden_size, num_labels, dropout=0.1):
        super().__init__()
        self.dense = nn.Linear(hidden_size, hidden_size)
        self.activation = nn.Tanh()
        self.dropout = nn.Dropout(dropout)
        self.classifier = nn.Linear(hidden_size, num_labels)

    def forward(self, hidden_states):
        return self.classifier(self.dropout(BertPooler.forward(self, hidden_states)))

    def load_from(self, library_model):
        self.dense.load_state_dict(library_model.bert.pooler.dense.state_dict())
        self.classifier.load_state_dict(library_model.classifier.state_dict())
        return self
''',
    },
    "align_labels": {
        "wrong": '''def align_labels(word_labels, word_ids, label_all_subtokens=False):
    """Every piece of a word gets the word's label."""
    aligned = []
    for word_id in word_ids:
        if word_id is None:
            aligned.append(-100)
        elif word_id < 0 or word_id >= len(word_labels):
            raise ValueError("bad word id")
        else:
            aligned.append(int(word_labels[word_id]))
    return aligned
''',
        "why": "labels every sub-token with its word's label (ignores the first-piece rule), so long words count several times",
        "alternative": '''def align_labels(word_labels, word_ids, label_all_subtokens=False):
    """Look back one token to find word starts."""
    result = []
    for position, word_id in enumerate(word_ids):
        if word_id is None:
            result.append(-100)
            continue
        if word_id < 0 or word_id >= len(word_labels):
            raise ValueError(f"no label for word {word_id}")
        starts_word = position == 0 or word_ids[position - 1] != word_id
        result.append(int(word_labels[word_id]) if (starts_word or label_all_subtokens) else -100)
    return result
''',
    },
    "collate_token_batch": {
        "wrong": '''def collate_token_batch(token_ids, token_labels, pad_id):
    """Pad lists of token ids and their aligned labels to the longest sequence: a dict of int64 tensors."""
    longest = max(len(ids) for ids in token_ids)
    input_ids, attention_mask, labels = [], [], []
    for ids, sentence_labels in zip(token_ids, token_labels):
        padding = longest - len(ids)
        input_ids.append(list(ids) + [pad_id] * padding)
        attention_mask.append([1] * len(ids) + [0] * padding)
        labels.append(list(sentence_labels) + [pad_id] * padding)
    return {"input_ids": torch.tensor(input_ids), "attention_mask": torch.tensor(attention_mask),
            "labels": torch.tensor(labels)}
''',
        "why": "the colleague's bug left in: labels padded with the pad id 0, which is the real tag 'O'",
        "alternative": '''def collate_token_batch(token_ids, token_labels, pad_id):
    """Fill tensors of padding, then copy each sentence in."""
    batch, longest = len(token_ids), max(len(ids) for ids in token_ids)
    input_ids = torch.full((batch, longest), pad_id, dtype=torch.long)
    attention_mask = torch.zeros((batch, longest), dtype=torch.long)
    labels = torch.full((batch, longest), -100, dtype=torch.long)
    for row, (ids, sentence_labels) in enumerate(zip(token_ids, token_labels)):
        input_ids[row, :len(ids)] = torch.tensor(ids, dtype=torch.long)
        attention_mask[row, :len(ids)] = 1
        labels[row, :len(sentence_labels)] = torch.tensor(sentence_labels, dtype=torch.long)
    return {"input_ids": input_ids, "attention_mask": attention_mask, "labels": labels}
''',
        "denied": '''from transformers import DataCollatorForTokenClassification
from nlpcourse import pretrained


def collate_token_batch(token_ids, token_labels, pad_id):
    """The library's collator does it all."""
    collator = DataCollatorForTokenClassification(pretrained.minilm()[0], return_tensors="pt")
    out = collator([{"input_ids": ids, "labels": labels} for ids, labels in zip(token_ids, token_labels)])
    return {key: out[key].long() for key in ("input_ids", "attention_mask", "labels")}
''',
    },
    "TokenClassificationHead": {
        "wrong": '''class TokenClassificationHead(nn.Module):
    """Dropout and a linear layer per token; the loss averages over every position."""

    def __init__(self, hidden_size, num_labels, dropout=0.1):
        super().__init__()
        self.dropout = nn.Dropout(dropout)
        self.classifier = nn.Linear(hidden_size, num_labels)

    def forward(self, hidden_states, labels=None):
        logits = self.classifier(self.dropout(hidden_states))
        if labels is None:
            return logits
        keep = (labels != -100)
        safe = labels.clamp(min=0)
        picked = torch.log_softmax(logits, dim=-1).gather(-1, safe.unsqueeze(-1)).squeeze(-1)
        return -(picked * keep).sum() / labels.numel(), logits      # divides by every position

    def load_from(self, library_model):
        self.classifier.load_state_dict(library_model.classifier.state_dict())
        return self
''',
        "why": "masks the ignored positions out of the sum but divides by all positions, not by the labelled ones",
        "alternative": '''class TokenClassificationHead(nn.Module):
    """Dropout and a linear layer per token; the loss written with logsumexp."""

    def __init__(self, hidden_size, num_labels, dropout=0.1):
        super().__init__()
        self.dropout = nn.Dropout(p=dropout)
        self.classifier = nn.Linear(hidden_size, num_labels)

    def forward(self, hidden_states, labels=None):
        logits = self.classifier(self.dropout(hidden_states))
        if labels is None:
            return logits
        flat_logits = logits.reshape(-1, logits.shape[-1])
        flat_labels = labels.reshape(-1)
        rows = torch.nonzero(flat_labels != -100).squeeze(1)
        chosen = flat_logits[rows, flat_labels[rows]]
        losses = torch.logsumexp(flat_logits[rows], dim=-1) - chosen
        return losses.sum() / len(rows), logits

    def load_from(self, library_model):
        self.classifier.weight.data.copy_(library_model.classifier.weight.data)
        self.classifier.bias.data.copy_(library_model.classifier.bias.data)
        return self
''',
        "denied": '''class TokenClassificationHead(nn.Module):
    """The library's cross-entropy does the masking."""

    def __init__(self, hidden_size, num_labels, dropout=0.1):
        super().__init__()
        self.dropout = nn.Dropout(dropout)
        self.classifier = nn.Linear(hidden_size, num_labels)

    def forward(self, hidden_states, labels=None):
        logits = self.classifier(self.dropout(hidden_states))
        if labels is None:
            return logits
        return F.cross_entropy(logits.flatten(0, 1), labels.flatten().long(), ignore_index=-100), logits

    def load_from(self, library_model):
        self.classifier.load_state_dict(library_model.classifier.state_dict())
        return self
''',
    },
    "layerwise_learning_rates": {
        "wrong": '''def layerwise_learning_rates(model, base_lr, decay):
    """The decay applied from the bottom up: layer l gets base_lr * decay**l."""
    if base_lr <= 0 or not 0 < decay <= 1:
        raise ValueError("bad arguments")
    groups = []
    head = [p for name, p in model.named_parameters()
            if not name.startswith(("bert.embeddings.", "bert.encoder.")) and p.requires_grad]
    if head:
        groups.append({"params": head, "lr": float(base_lr)})
    for index, layer in enumerate(model.bert.encoder.layer):
        params = [p for p in layer.parameters() if p.requires_grad]
        if params:
            groups.append({"params": params, "lr": float(base_lr * decay ** index)})
    embeddings = [p for p in model.bert.embeddings.parameters() if p.requires_grad]
    if embeddings:
        groups.append({"params": embeddings, "lr": float(base_lr)})
    return groups
''',
        "why": "turns the decay upside down (the bottom layer and the embeddings get the largest rates)",
        "alternative": '''import re


def layerwise_learning_rates(model, base_lr, decay):
    """Read each parameter's layer from its name."""
    if base_lr <= 0 or decay <= 0 or decay > 1:
        raise ValueError(f"need base_lr > 0 and 0 < decay <= 1, got {base_lr}, {decay}")
    depth = len(model.bert.encoder.layer)
    by_rate = {}
    for name, parameter in model.named_parameters():
        if not parameter.requires_grad:
            continue
        found = re.match(r"bert\\.encoder\\.layer\\.(\\d+)\\.", name)
        if found:
            steps = depth - int(found.group(1))
        elif name.startswith("bert.embeddings."):
            steps = depth + 1
        else:
            steps = 0
        by_rate.setdefault(steps, []).append(parameter)
    return [{"params": params, "lr": float(base_lr * decay ** steps)} for steps, params in sorted(by_rate.items())]
''',
    },
    "quiz": {
        "wrong": '''quiz_tokenizer, _ = pretrained.minilm()
# Set the six variables below.
predicted_trainable_top2 = 2 * 1_774_464 + (384 * 384 + 384) + (384 * 2 + 2)    # the 2-class head, not 3
predicted_ignored_labels = 13 - 9                                             # forgets [CLS] and [SEP]
predicted_layer0_lr = 1e-4 * 0.5 ** 5
three_class_model = transfer_learning.load_classifier("sequence", num_labels=3)
measured_trainable_top2 = freeze_all_but_top_k(three_class_model, 2)
quiz_word_ids = quiz_tokenizer(ner_sentences().tokens[43], is_split_into_words=True).word_ids()
measured_ignored_labels = align_labels([0] * 9, quiz_word_ids).count(-100)
quiz_model = transfer_learning.load_classifier("sequence", num_labels=2)
measured_layer0_lr = 1e-4 * 0.5 ** 6
''',
        "why": "predictions with a 2-class head, no special tokens and an exponent off by one",
        "alternative": '''quiz_tokenizer, _ = pretrained.minilm()
# Set the six variables below.
d, ff = 384, 1536
one_layer = 4 * d * d + 4 * d + 2 * d * ff + ff + d + 4 * d
predicted_trainable_top2 = int(2 * one_layer + d * d + d + 3 * d + 3)
predicted_ignored_labels = 6
predicted_layer0_lr = 1.5625e-06
three_class_model = transfer_learning.load_classifier("sequence", num_labels=3)
measured_trainable_top2 = freeze_all_but_top_k(three_class_model, 2)
encoded = quiz_tokenizer(ner_sentences().tokens[43], is_split_into_words=True)
measured_ignored_labels = sum(1 for label in align_labels(list(range(9)), encoded.word_ids()) if label == -100)
quiz_model = transfer_learning.load_classifier("sequence", num_labels=2)
rates = {}
for group in layerwise_learning_rates(quiz_model, 1e-4, 0.5):
    for parameter in group["params"]:
        rates[id(parameter)] = group["lr"]
measured_layer0_lr = float(rates[id(quiz_model.bert.encoder.layer[0].output.dense.bias)])
''',
    },
}
