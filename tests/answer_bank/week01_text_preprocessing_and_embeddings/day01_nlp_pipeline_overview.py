"""Answer bank of week01_text_preprocessing_and_embeddings day01_nlp_pipeline_overview: a plausible wrong answer and a correct alternative per exercise."""

BANK = {
    "simple_tokenize": {
        "wrong": '''def simple_tokenize(text):
    """Split `text` into lower-cased word tokens (runs of \\w) and single punctuation characters.

    Whitespace separates tokens and is dropped. Returns a list of str in text order.
    """
    # Words are runs of letters, digits and underscores; everything else that is not a space is punctuation.
    return [token.lower() for token in re.findall(r"[A-Za-z0-9_]+|[^\\w\\s]", text)]
''',
        "why": "ASCII [A-Za-z0-9_] instead of \\w for word characters: accented and non-Latin letters are lost",
        "alternative": '''def simple_tokenize(text):
    """Split `text` into lower-cased word tokens (runs of \\w) and single punctuation characters.

    Whitespace separates tokens and is dropped. Returns a list of str in text order.
    """
    # A hand-written scanner: \\w is exactly str.isalnum() or "_", \\s is str.isspace().
    tokens = []
    current = ""
    for character in text:
        if character.isalnum() or character == "_":
            current += character
            continue
        if current:
            tokens.append(current.lower())
            current = ""
        if not character.isspace():
            tokens.append(character.lower())
    if current:
        tokens.append(current.lower())
    return tokens
''',
    },
    "count_words": {
        "wrong": '''def count_words(tokens, top_k=None):
    """(word, count) pairs sorted by count descending, then word ascending; the first `top_k` if given."""
    return Counter(tokens).most_common(top_k)
''',
        "why": "Counter.most_common keeps first-seen order among equal counts instead of sorting ties alphabetically",
        "alternative": '''def count_words(tokens, top_k=None):
    """(word, count) pairs sorted by count descending, then word ascending; the first `top_k` if given."""
    totals = {}
    for token in tokens:
        totals[token] = totals.get(token, 0) + 1
    # Two stable sorts: alphabetical first, then by count (reverse=True keeps equal counts in alphabetical order).
    pairs = sorted(totals.items())
    pairs.sort(key=lambda pair: pair[1], reverse=True)
    if top_k is not None:
        pairs = pairs[:top_k]
    return pairs
''',
    },
    "classify": {
        "wrong": '''def classify(tokens, rules, default="unknown"):
    """Label with the most keyword hits in `tokens`; `default` if no hits or a tie for first place."""
    scores = {label: sum(tokens.count(keyword) for keyword in keywords) for label, keywords in rules.items()}
    if not scores:
        return default
    best = max(scores.values())
    winners = [label for label, score in scores.items() if score == best]
    return winners[0] if best > 0 and len(winners) == 1 else default
''',
        "why": "a keyword listed twice for one label is counted twice (no set() over the keywords)",
        "alternative": '''def classify(tokens, rules, default="unknown"):
    """Label with the most keyword hits in `tokens`; `default` if no hits or a tie for first place."""
    keyword_sets = {label: set(keywords) for label, keywords in rules.items()}
    scores = dict.fromkeys(keyword_sets, 0)
    for token in tokens:
        for label, keywords in keyword_sets.items():
            if token in keywords:
                scores[label] += 1
    ranking = sorted(scores.items(), key=lambda item: item[1], reverse=True)
    if not ranking or ranking[0][1] == 0:
        return default
    if len(ranking) > 1 and ranking[1][1] == ranking[0][1]:
        return default
    return ranking[0][0]
''',
    },
    "build_pipeline": {
        "wrong": '''def build_pipeline(steps):
    """Compose one-argument functions left to right: pipeline(x) = steps[-1](...steps[0](x))."""
    steps = list(steps)

    def pipeline(value):
        for step in steps:
            value = step(value)
        return value

    return pipeline


def label_texts(texts, rules, default="unknown"):
    """Label each raw text with the pipeline simple_tokenize -> classify(rules, default)."""
    keyword_classifier = build_pipeline([simple_tokenize, lambda tokens: classify(tokens, rules)])
    return [keyword_classifier(text) for text in texts]
''',
        "why": "label_texts does not pass `default` on to classify, so a custom default is ignored",
        "alternative": '''import functools


def build_pipeline(steps):
    """Compose one-argument functions left to right: pipeline(x) = steps[-1](...steps[0](x))."""
    frozen_steps = tuple(steps)
    return lambda x: functools.reduce(lambda value, step: step(value), frozen_steps, x)


def label_texts(texts, rules, default="unknown"):
    """Label each raw text with the pipeline simple_tokenize -> classify(rules, default)."""
    to_label = build_pipeline([simple_tokenize, functools.partial(classify, rules=rules, default=default)])
    return list(map(to_label, texts))
''',
    },
    "confusion_table": {
        "wrong": '''def confusion_table(true_labels, predicted_labels, label_order):
    \"\"\"int64 (n, n) table: entry [i, j] counts true label label_order[i] predicted as label_order[j].\"\"\"
    if len(true_labels) != len(predicted_labels):
        raise ValueError("lengths differ")
    names = sorted(label_order)                    # alphabetical rows and columns, not label_order
    for label in list(true_labels) + list(predicted_labels):
        if label not in names:
            raise ValueError(f"unknown label {label!r}")
    table = np.zeros((len(names), len(names)), dtype=np.int64)
    for t, p in zip(true_labels, predicted_labels):
        table[names.index(t), names.index(p)] += 1
    return table
''',
        "why": "orders the rows and columns alphabetically instead of by label_order, so ('pos', 'neg', 'unknown') "
               "comes out as neg, pos, unknown and every cell is in the wrong place",
        "alternative": '''def confusion_table(true_labels, predicted_labels, label_order):
    \"\"\"int64 (n, n) table: entry [i, j] counts true label label_order[i] predicted as label_order[j].\"\"\"
    labels = list(label_order)
    if len(true_labels) != len(predicted_labels):
        raise ValueError("true and predicted labels differ in number")
    unknown = (set(true_labels) | set(predicted_labels)) - set(labels)
    if unknown:
        raise ValueError(f"labels not in label_order: {sorted(unknown)}")
    size = len(labels)
    flat = [labels.index(t) * size + labels.index(p) for t, p in zip(true_labels, predicted_labels)]
    return np.bincount(np.array(flat, dtype=np.int64), minlength=size * size).astype(np.int64).reshape(size, size)
''',
        "denied": '''def confusion_table(true_labels, predicted_labels, label_order):
    \"\"\"int64 (n, n) table: entry [i, j] counts true label label_order[i] predicted as label_order[j].\"\"\"
    from sklearn.metrics import confusion_matrix

    if len(true_labels) != len(predicted_labels):
        raise ValueError("lengths differ")
    return confusion_matrix(list(true_labels), list(predicted_labels), labels=list(label_order)).astype(np.int64)
''',
    },
    "quiz": {
        "wrong": '''quiz_rules = {"pos": ["great", "fun"], "neg": ["boring"]}
quiz_texts = ["Great, but boring!", "Boring. Boring. Fun.", "Fun, fun, GREAT fun", "Meh."]
quiz_truth = ["pos", "neg", "pos", "neg"]
# Set the six variables below.
predicted_tokens = 13
predicted_accuracy = 0.75     # thinks the tie in the first text goes to the first label, "pos"
predicted_pos_unknown = 0
measured_tokens = len(simple_tokenize("Don't panic: 42 is e-mail-ready!"))
labels = label_texts(quiz_texts, quiz_rules)
measured_accuracy = float(sum(a == b for a, b in zip(labels, quiz_truth)) / len(quiz_truth))
measured_pos_unknown = int(confusion_table(quiz_truth, labels, ("pos", "neg", "unknown"))[0, 2])
''',
        "why": "predicts that a tie for first place goes to the first label, so the first text counts as a right 'pos' "
               "(accuracy 0.75 and no positive review without an answer)",
        "alternative": '''import re as regex
quiz_rules = {"pos": ["great", "fun"], "neg": ["boring"]}
quiz_texts = ["Great, but boring!", "Boring. Boring. Fun.", "Fun, fun, GREAT fun", "Meh."]
quiz_truth = ["pos", "neg", "pos", "neg"]
# Set the six variables below.
predicted_tokens = len("don ' t panic : 42 is e - mail - ready !".split())
predicted_accuracy = 2 / 4
predicted_pos_unknown = 1
measured_tokens = len(regex.findall(r"\\w+|[^\\w\\s]", "Don't panic: 42 is e-mail-ready!"))
def vote(text):
    words = regex.findall(r"\\w+|[^\\w\\s]", text.lower())
    hits = {label: sum(w in keys for w in words) for label, keys in quiz_rules.items()}
    best = max(hits.values())
    top = [label for label, h in hits.items() if h == best]
    return top[0] if best > 0 and len(top) == 1 else "unknown"
votes = [vote(text) for text in quiz_texts]
measured_accuracy = sum(v == t for v, t in zip(votes, quiz_truth)) / 4.0
measured_pos_unknown = sum(1 for v, t in zip(votes, quiz_truth) if t == "pos" and v == "unknown")
''',
    },
}
