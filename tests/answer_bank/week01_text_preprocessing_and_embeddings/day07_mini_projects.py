"""Answer bank of week01_text_preprocessing_and_embeddings day07_mini_projects: a plausible wrong answer and a correct alternative per exercise."""

BANK = {
    "sentiment_model": {
        "wrong": '''def train_sentiment(texts, labels):
    """Fit a sentiment model on `texts` (list of str) and `labels` ("pos"/"neg"); return the model."""
    from sklearn.feature_extraction.text import CountVectorizer
    from sklearn.naive_bayes import MultinomialNB

    # three quarters of the words occur once: keep only words seen at least 3 times
    model = make_pipeline(CountVectorizer(min_df=3), MultinomialNB())
    return model.fit(texts, labels)


def predict_sentiment(model, texts):
    """A list of "pos"/"neg" strings, one per text of `texts`, in order."""
    return model.predict(texts).tolist()
''',
        "why": "min_df=3 throws away the words seen once or twice, most of the little evidence 200 sentences hold",
        "alternative": '''def train_sentiment(texts, labels):
    """Fit a sentiment model on `texts` (list of str) and `labels` ("pos"/"neg"); return the model."""
    characters = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True)
    classifier = LinearSVC(C=1.0)
    classifier_pipeline = make_pipeline(characters, classifier)
    classifier_pipeline.fit(list(texts), list(labels))
    return classifier_pipeline


def predict_sentiment(model, texts):
    """A list of "pos"/"neg" strings, one per text of `texts`, in order."""
    return [str(label) for label in model.predict(list(texts))]
''',
    },
    "topics_model": {
        "wrong": '''def train_topics(texts, labels):
    """Fit a topic classifier on `texts` (list of str) and `labels` (list of str); return the model."""
    model = make_pipeline(TfidfVectorizer(analyzer="char", sublinear_tf=True), LinearSVC())
    return model.fit(texts, labels)


def predict_topics(model, texts):
    """A list of topic names (str), one per text of `texts`, in order."""
    return model.predict(texts).tolist()
''',
        "why": "analyzer='char' without an ngram_range: the features are single characters, which say almost nothing about the topic",
        "alternative": '''def train_topics(texts, labels):
    """Fit a topic classifier on `texts` (list of str) and `labels` (list of str); return the model."""
    from sklearn.feature_extraction.text import CountVectorizer
    from sklearn.naive_bayes import MultinomialNB

    counts = CountVectorizer(ngram_range=(1, 2), binary=True)
    return make_pipeline(counts, MultinomialNB(alpha=0.5)).fit(texts, labels)


def predict_topics(model, texts):
    """A list of topic names (str), one per text of `texts`, in order."""
    return [str(topic) for topic in model.predict(texts)]
''',
    },
    "spam_model": {
        "wrong": '''def train_spam(texts, labels):
    """Fit a spam filter on `texts` (list of str) and `labels` ("spam"/"ham"); return the model."""
    # strong regularisation against overfitting 800 messages
    model = make_pipeline(TfidfVectorizer(), LogisticRegression(C=0.1, max_iter=1000))
    return model.fit(texts, labels)


def predict_spam(model, texts):
    """A list of "spam"/"ham" strings, one per text of `texts`, in order."""
    return model.predict(texts).tolist()
''',
        "why": "over-regularised logistic regression without class weights never commits to the small spam class: it answers 'ham' for everything",
        "alternative": '''def train_spam(texts, labels):
    """Fit a spam filter on `texts` (list of str) and `labels` ("spam"/"ham"); return the model."""
    vectorizer = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True)
    matrix = vectorizer.fit_transform(texts)  # (n, n_char_ngrams) sparse
    classifier = LogisticRegression(C=10.0, class_weight="balanced", max_iter=2000).fit(matrix, labels)
    return vectorizer, classifier


def predict_spam(model, texts):
    """A list of "spam"/"ham" strings, one per text of `texts`, in order."""
    vectorizer, classifier = model
    return [str(label) for label in classifier.predict(vectorizer.transform(texts))]
''',
    },
    "word_shape": {
        "wrong": '''def word_shape(word):
    """X for upper-case letters, x for lower-case, d for digits, anything else kept; then runs of one symbol -> one."""
    shape = ""
    for ch in word:
        if ch.isupper():
            symbol = "X"
        elif ch.islower():
            symbol = "x"
        elif ch in "0123456789":
            symbol = "d"
        else:
            symbol = ch
        if not shape or shape[-1] != symbol:
            shape += symbol
    return shape
''',
        "why": "only the ASCII digits 0-9 become 'd'; other digits such as '٣' or '²' (str.isdigit() is True) are kept",
        "alternative": '''def word_shape(word):
    """X for upper-case letters, x for lower-case, d for digits, anything else kept; then runs of one symbol -> one."""
    from itertools import groupby

    def symbol(ch):
        if ch.isupper():
            return "X"
        if ch.islower():
            return "x"
        if ch.isdigit():
            return "d"
        return ch

    return "".join(key for key, _ in groupby(map(symbol, word)))
''',
    },
    "ner_model": {
        "wrong": '''def ner_token_features(tokens, index):
    """Features (dict str -> float) of tokens[index]: the word, its shape and affixes, and its neighbours."""
    word = tokens[index]
    return {
        "bias": 1.0,
        "word=" + word.lower(): 1.0,
        "shape=" + word_shape(word): 1.0,
        "prefix3=" + word[:3].lower(): 1.0,
        "suffix3=" + word[-3:].lower(): 1.0,
        "is_title": float(word.istitle()),
        "is_upper": float(word.isupper()),
        "first_token": float(index == 0),
    }


def train_ner(token_lists, tag_lists):
    """Fit a per-token tagger on sentences (lists of str tokens) and their BIO tag lists; return the model."""
    vectorizer = DictVectorizer()
    X = vectorizer.fit_transform([ner_token_features(tokens, i) for tokens in token_lists for i in range(len(tokens))])
    y = [tag for tags in tag_lists for tag in tags]
    return vectorizer, LogisticRegression(C=10.0, max_iter=3000).fit(X, y)


def predict_ner(model, token_lists):
    """One list of BIO tags (str) per sentence of `token_lists`, one tag per token; [] for an empty sentence."""
    vectorizer, classifier = model
    result = []
    for tokens in token_lists:
        if not tokens:
            result.append([])
            continue
        X = vectorizer.transform([ner_token_features(tokens, i) for i in range(len(tokens))])
        result.append(classifier.predict(X).tolist())
    return result
''',
        "why": "no features of the neighbouring words: 'Mr _' and '_ said' cannot tell a new surname from a new place",
        "alternative": '''def ner_token_features(tokens, index):
    """Features (dict str -> float) of tokens[index]: the word, its shape and affixes, and its neighbours."""
    word = tokens[index]
    features = {
        "bias": 1.0,
        "lower=" + word.lower(): 1.0,
        "shape=" + word_shape(word): 1.0,
        "prefix2=" + word[:2].lower(): 1.0,
        "suffix3=" + word[-3:].lower(): 1.0,
        "suffix4=" + word[-4:].lower(): 1.0,
        "has_digit": float(any(ch.isdigit() for ch in word)),
        "title": float(word.istitle()),
        "position=" + str(min(index, 2)): 1.0,
    }
    for offset in (-2, -1, 1, 2):  # two words on each side, padded at the sentence edges
        where = index + offset
        other = tokens[where] if 0 <= where < len(tokens) else "<pad>"
        features[f"lower{offset:+d}=" + other.lower()] = 1.0
        features[f"shape{offset:+d}=" + word_shape(other)] = 1.0
    return features


def train_ner(token_lists, tag_lists):
    """Fit a per-token tagger on sentences (lists of str tokens) and their BIO tag lists; return the model."""
    rows, targets = [], []
    for tokens, tags in zip(token_lists, tag_lists):
        for position, tag in enumerate(tags):
            rows.append(ner_token_features(tokens, position))
            targets.append(tag)
    encoder = DictVectorizer()
    matrix = encoder.fit_transform(rows)
    tagger = LogisticRegression(C=5.0, max_iter=2000).fit(matrix, targets)
    return {"encoder": encoder, "tagger": tagger}


def predict_ner(model, token_lists):
    """One list of BIO tags (str) per sentence of `token_lists`, one tag per token; [] for an empty sentence."""
    rows = [ner_token_features(tokens, position) for tokens in token_lists for position in range(len(tokens))]
    flat = [str(tag) for tag in model["tagger"].predict(model["encoder"].transform(rows))] if rows else []
    boundaries = np.cumsum([0] + [len(tokens) for tokens in token_lists])
    output = []
    for start, stop in zip(boundaries[:-1], boundaries[1:]):
        previous = "O"
        fixed = []
        for tag in flat[start:stop]:
            if tag.startswith("I-") and previous[2:] != tag[2:]:
                tag = "B-" + tag[2:]  # an I-X after O or another type starts a new entity
            fixed.append(tag)
            previous = tag
        output.append(fixed)
    return output
''',
    },
    "entity_spans": {
        "wrong": """def entity_spans(tags):
    \"\"\"(start, end, type) tuples, end exclusive, of the entities of one BIO tag list, in order of start.\"\"\"
    result = []
    begin = None
    for position, tag in enumerate(tags):
        if tag.startswith("B-") or (tag.startswith("I-") and (begin is None or tags[begin][2:] != tag[2:])):
            if begin is not None:
                result.append((begin, position, tags[begin][2:]))
            begin = position
        elif tag == "O" and begin is not None:
            result.append((begin, position, tags[begin][2:]))
            begin = None
    return result
""",
        "why": "forgets to close the entity that is still open after the last tag, so an entity that ends the "
               "sentence is dropped",
        "alternative": """def entity_spans(tags):
    \"\"\"(start, end, type) tuples, end exclusive, of the entities of one BIO tag list, in order of start.\"\"\"
    found = []
    for position, tag in enumerate(tags):
        prefix, kind = tag[:2], tag[2:]
        if prefix == "I-" and found and found[-1][1] == position and found[-1][2] == kind:
            first, _, _ = found.pop()
            found.append((first, position + 1, kind))  # the open entity grows by one token
        elif prefix in ("B-", "I-"):
            found.append((position, position + 1, kind))
    return found
""",
    },
    "quiz": {
        "wrong": """quiz_words = ["Oslo", "NATO", "iPhone", "O'Neill", "3-D", "Smith", "UN", "x2", "Halvorsen", "A4"]
quiz_tags = ["B-ORG", "I-ORG", "B-ORG", "O", "I-PER", "I-PER", "B-LOC", "I-MISC", "O", "B-PER"]
quiz_gold = ["B-PER", "I-PER", "O", "B-ORG", "I-ORG", "I-ORG", "O", "B-LOC"]
quiz_guess = ["B-PER", "I-PER", "O", "B-ORG", "I-ORG", "B-ORG", "O", "B-LOC"]
# Set the six variables below.
predicted_shape_count = 7
predicted_entity_count = 4        # counts only the B- tags, forgetting that a stray I- starts an entity
predicted_entity_f1 = 2 / 3       # thinks one split entity costs one hit out of three on both sides
measured_shape_count = len({word_shape(word) for word in quiz_words})
measured_entity_count = len(entity_spans(quiz_tags))
gold_spans, guess_spans = set(entity_spans(quiz_gold)), set(entity_spans(quiz_guess))
measured_entity_f1 = 2 * len(gold_spans & guess_spans) / (len(gold_spans) + len(guess_spans))
""",
        "why": "predicts 4 entities (only the B- tags; stray I- tags start entities too) and F1 2/3 (the split "
               "organisation adds a fourth predicted span: 4/7)",
        "alternative": """quiz_words = ["Oslo", "NATO", "iPhone", "O'Neill", "3-D", "Smith", "UN", "x2", "Halvorsen", "A4"]
quiz_tags = ["B-ORG", "I-ORG", "B-ORG", "O", "I-PER", "I-PER", "B-LOC", "I-MISC", "O", "B-PER"]
quiz_gold = ["B-PER", "I-PER", "O", "B-ORG", "I-ORG", "I-ORG", "O", "B-LOC"]
quiz_guess = ["B-PER", "I-PER", "O", "B-ORG", "I-ORG", "B-ORG", "O", "B-LOC"]
# Set the six variables below.
predicted_shape_count, predicted_entity_count, predicted_entity_f1 = 7, 6, 0.57


def starts_entity(tags, i):
    return tags[i].startswith("B-") or (tags[i].startswith("I-") and (i == 0 or tags[i - 1][2:] != tags[i][2:]))


def spans_by_hand(tags):
    spans = []
    for i in range(len(tags)):
        if starts_entity(tags, i):
            end = i + 1
            while end < len(tags) and tags[end] == "I-" + tags[i][2:]:
                end += 1
            spans.append((i, end, tags[i][2:]))
    return spans


measured_shape_count = len(set(map(word_shape, quiz_words)))
measured_entity_count = int(sum(starts_entity(quiz_tags, i) for i in range(len(quiz_tags))))
shared = len(set(spans_by_hand(quiz_gold)) & set(spans_by_hand(quiz_guess)))
measured_entity_f1 = float(2 * shared / (len(spans_by_hand(quiz_gold)) + len(spans_by_hand(quiz_guess))))
""",
    },
}
