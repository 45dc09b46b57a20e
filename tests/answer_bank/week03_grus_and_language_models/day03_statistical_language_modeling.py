"""Answer bank of week03_grus_and_language_models day03_statistical_language_modeling: a plausible wrong answer and a correct alternative per exercise."""

BANK = {
    "build_vocabulary": {
        "wrong": '''def build_vocabulary(sentences, min_count=2):
    """Words occurring at least `min_count` times, by decreasing count then string order, then "<unk>"."""
    counts = Counter(word for sentence in sentences for word in sentence)
    kept = [word for word, count in counts.items() if count > min_count]  # "more than min_count"
    return sorted(kept, key=lambda word: (-counts[word], word)) + ["<unk>"]


def prepare_sentences(sentences, vocabulary):
    """Each sentence as ["<s>", tokens with out-of-vocabulary ones replaced by "<unk>", "</s>"]."""
    known = set(vocabulary)
    return [["<s>"] + [word if word in known else "<unk>" for word in sentence] + ["</s>"] for sentence in sentences]
''',
        "why": "keeps words with count > min_count instead of >= min_count",
        "alternative": '''def build_vocabulary(sentences, min_count=2):
    """Words occurring at least `min_count` times, by decreasing count then string order, then "<unk>"."""
    counts = {}
    for sentence in sentences:
        for word in sentence:
            counts[word] = counts.get(word, 0) + 1
    frequent = sorted(word for word, count in counts.items() if count >= min_count)  # string order first
    frequent.sort(key=counts.get, reverse=True)  # stable: equal counts keep their string order
    frequent.append("<unk>")
    return frequent


def prepare_sentences(sentences, vocabulary):
    """Each sentence as ["<s>", tokens with out-of-vocabulary ones replaced by "<unk>", "</s>"]."""
    lookup = frozenset(vocabulary)
    prepared = []
    for sentence in sentences:
        marked = ["<s>"]
        for token in sentence:
            marked.append(token if token in lookup else "<unk>")
        marked.append("</s>")
        prepared.append(marked)
    return prepared
''',
    },
    "bigram_counts": {
        "wrong": '''def bigram_counts(sentences):
    """counts[prev][word]: how often `word` follows `prev` inside a sentence (observed pairs only)."""
    counts = {}
    for sentence in sentences:
        for prev, word in zip(sentence, sentence[1:]):
            counts.setdefault(prev, {})
            counts[prev][word] = counts[prev].get(word, 0) + 1
    return counts


def bigram_mle(counts):
    """model[prev][word] = counts[prev][word] / (sum of counts[prev]): relative counts per history."""
    n_bigrams = sum(sum(following.values()) for following in counts.values())
    return {prev: {word: count / n_bigrams for word, count in following.items()} for prev, following in counts.items()}
''',
        "why": "divides by the total number of bigrams (joint P(h, w)) instead of the count of the history",
        "alternative": '''def bigram_counts(sentences):
    """counts[prev][word]: how often `word` follows `prev` inside a sentence (observed pairs only)."""
    pairs = Counter(pair for sentence in sentences for pair in zip(sentence[:-1], sentence[1:]))
    nested = {}
    for (prev, word), count in pairs.items():
        if prev not in nested:
            nested[prev] = {}
        nested[prev][word] = int(count)
    return nested


def bigram_mle(counts):
    """model[prev][word] = counts[prev][word] / (sum of counts[prev]): relative counts per history."""
    model = {}
    for prev in counts:
        history_total = 0
        for count in counts[prev].values():
            history_total += count
        model[prev] = {}
        for word in counts[prev]:
            model[prev][word] = float(counts[prev][word]) / history_total
    return model
''',
    },
    "sentence_log_prob": {
        "wrong": '''def sentence_log_prob(sentence, model):
    """Natural log of P(sentence) under a bigram model; -inf if any bigram has probability 0."""
    probability = 1.0
    for prev, word in zip(sentence, sentence[1:]):
        probability *= model.get(prev, {}).get(word, 0.0)
    return math.log(probability) if probability > 0 else -math.inf
''',
        "why": "multiplies probabilities and takes the log at the end: long sentences underflow to -inf",
        "alternative": '''def sentence_log_prob(sentence, model):
    """Natural log of P(sentence) under a bigram model; -inf if any bigram has probability 0."""
    probabilities = np.array([model[prev][word] if prev in model and word in model[prev] else 0.0
                              for prev, word in zip(sentence[:-1], sentence[1:])], dtype=np.float64)
    if np.any(probabilities <= 0.0):
        return -math.inf
    return float(np.log(probabilities).sum())
''',
    },
    "perplexity": {
        "wrong": '''def perplexity(sentences, model):
    """exp(-(total natural log-probability) / (number of predicted tokens)); inf if any sentence is impossible."""
    total = sum(sentence_log_prob(sentence, model) for sentence in sentences)
    if total == -math.inf:
        return math.inf
    n_tokens = sum(len(sentence) for sentence in sentences)  # every token of every sentence
    return math.exp(-total / n_tokens)
''',
        "why": "counts <s> as a predicted token (N = sum of len(sentence) instead of len(sentence) - 1)",
        "alternative": '''def perplexity(sentences, model):
    """exp(-(total natural log-probability) / (number of predicted tokens)); inf if any sentence is impossible."""
    bits, predictions = 0.0, 0
    for sentence in sentences:
        for prev, word in zip(sentence, sentence[1:]):
            p = model.get(prev, {}).get(word, 0.0)
            if p <= 0.0:
                return math.inf
            bits -= math.log2(p)
            predictions += 1
    return 2.0 ** (bits / predictions)  # 2 ** (cross-entropy in bits)
''',
    },
    "entropy_and_perplexity": {
        "wrong": '''def entropy_and_perplexity(sentences, model):
    """(cross-entropy in bits per predicted token, perplexity = 2 ** bits) of marked sentences under a bigram model."""
    bits, tokens = 0.0, 0
    for sentence in sentences:
        for prev, word in zip(sentence, sentence[1:]):
            p = model.get(prev, {}).get(word, 0.0)
            if p == 0.0:
                return math.inf, math.inf
            bits -= math.log2(p)
        tokens += len(sentence)                      # counts <s> as a prediction
    return bits / tokens, 2.0 ** (bits / tokens)
''',
        "why": "uses bits correctly but divides by every token of the sentences, <s> included, instead of the predicted ones",
        "alternative": '''def entropy_and_perplexity(sentences, model):
    """(cross-entropy in bits per predicted token, perplexity = 2 ** bits) of marked sentences under a bigram model."""
    log_e = sum(sentence_log_prob(sentence, model) for sentence in sentences)
    if log_e == -math.inf:
        return (math.inf, math.inf)
    predictions = sum(len(sentence) - 1 for sentence in sentences)
    bits = -log_e / math.log(2) / predictions     # nats to bits
    return (float(bits), float(perplexity(sentences, model)))
''',
    },
    "quiz": {
        "wrong": '''quiz_toy = [["<s>", *text.split(), "</s>"] for text in ["the cat sat", "the dog sat", "the cat ran", "a cat sat"]]
quiz_dog = [["<s>", "the", "dog", "sat", "</s>"]]
quiz_repeat_train, quiz_repeat_test = [["<s>", "a", "a", "</s>"]], [["<s>", "a", "a", "a", "a", "</s>"]]
quiz_two = [["<s>", "the", "cat", "sat", "</s>"], ["<s>", "a", "cat", "ran", "</s>"]]
# Set the six variables below.
predicted_dog_perplexity = 0.0 + math.inf                # thinks "dog sat" is unseen
predicted_repeat_perplexity = 16 ** (1 / 5)
predicted_toy_bits = (math.log(3) + math.log(12)) / 8      # natural logs: nats, not bits
toy_model = bigram_mle(bigram_counts(quiz_toy))
measured_dog_perplexity = perplexity(quiz_dog, toy_model)
measured_repeat_perplexity = perplexity(quiz_repeat_test, bigram_mle(bigram_counts(quiz_repeat_train)))
measured_toy_bits = entropy_and_perplexity(quiz_two, toy_model)[0]
''',
        "why": "predicts an infinite perplexity for a sentence whose bigrams were all seen, and the cross-entropy in nats",
        "alternative": '''quiz_toy = [["<s>", *text.split(), "</s>"] for text in ["the cat sat", "the dog sat", "the cat ran", "a cat sat"]]
quiz_dog = [["<s>", "the", "dog", "sat", "</s>"]]
quiz_repeat_train, quiz_repeat_test = [["<s>", "a", "a", "</s>"]], [["<s>", "a", "a", "a", "a", "</s>"]]
quiz_two = [["<s>", "the", "cat", "sat", "</s>"], ["<s>", "a", "cat", "ran", "</s>"]]
# Set the six variables below.
p_dog = (3 / 4) * (1 / 3) * 1.0 * 1.0
predicted_dog_perplexity = p_dog ** (-1 / 4)
predicted_repeat_perplexity = math.exp(-(3 * math.log(0.5) + math.log(0.5)) / 5)
predicted_toy_bits = -(math.log2(1 / 3) + math.log2(1 / 12)) / (4 + 4)
model_toy = bigram_mle(bigram_counts([list(s) for s in quiz_toy]))
measured_dog_perplexity = float(perplexity([list(quiz_dog[0])], model_toy))
repeat_model = bigram_mle(bigram_counts(quiz_repeat_train))
measured_repeat_perplexity = float(perplexity(quiz_repeat_test, repeat_model))
bits, _ = entropy_and_perplexity(sentences=quiz_two, model=model_toy)
measured_toy_bits = float(bits)
''',
    },
}
