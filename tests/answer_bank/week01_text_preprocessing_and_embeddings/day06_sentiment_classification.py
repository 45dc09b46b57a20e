"""Answer bank of week01_text_preprocessing_and_embeddings day06_sentiment_classification: a plausible wrong answer and a correct alternative per exercise."""

BANK = {
    "lexicon_score": {
        "wrong": '''def lexicon_score(tokens, lexicon, negations, intensifiers, window=3, negation_factor=-0.5,
                  scope_enders=(".", ",", ";", ":", "!", "?", "but")):
    """Sum of lexicon valences, with negation scope and intensifier rules (see the prompt); a float."""
    score = 0.0
    remaining = 0
    boost = 1.0
    for token in tokens:
        if token in scope_enders:
            remaining = 0
            continue
        if token in negations:
            remaining = window
            continue
        if token in intensifiers:
            boost *= intensifiers[token]
        else:
            value = lexicon.get(token, 0.0) * boost
            if remaining > 0:
                value *= negation_factor
            score += value
            boost = 1.0
        if remaining > 0:
            remaining -= 1
    return float(score)
''',
        "why": "a scope ender or a negation does not cancel a pending intensifier boost",
        "alternative": '''def lexicon_score(tokens, lexicon, negations, intensifiers, window=3, negation_factor=-0.5,
                  scope_enders=(".", ",", ";", ":", "!", "?", "but")):
    """Sum of lexicon valences, with negation scope and intensifier rules (see the prompt); a float."""
    enders, negators = set(scope_enders), set(negations)

    def kind(token):
        if token in enders:
            return "end"
        if token in negators:
            return "negation"
        if token in intensifiers:
            return "intensifier"
        return "word"

    kinds = [kind(token) for token in tokens]
    total = 0.0
    negated_from = None  # position of the negation whose scope is still open
    for position, (token, what) in enumerate(zip(tokens, kinds)):
        if what == "end":
            negated_from = None
        elif what == "negation":
            negated_from = position
        elif what == "word":
            multiplier = 1.0
            back = position - 1
            while back >= 0 and kinds[back] == "intensifier":  # the run of intensifiers right before
                multiplier *= intensifiers[tokens[back]]
                back -= 1
            value = lexicon.get(token, 0.0) * multiplier
            if negated_from is not None and position - negated_from <= window:
                value *= negation_factor
            total += value
    return float(total)
''',
    },
    "naive_bayes": {
        "wrong": '''def fit_naive_bayes(count_matrix, labels, alpha=1.0):
    """Multinomial Naive Bayes with additive smoothing: {"classes", "class_log_prior", "feature_log_prob"}."""
    if alpha <= 0:
        raise ValueError("alpha must be positive")
    counts = np.asarray(count_matrix, dtype=np.float64)
    labels = np.asarray(labels)
    classes = np.unique(labels)
    per_class = np.stack([counts[labels == c].sum(axis=0) for c in classes])  # (C, V)
    priors = np.array([np.mean(labels == c) for c in classes])
    theta = (per_class + alpha) / (per_class.sum(axis=1, keepdims=True) + alpha)
    return {"classes": classes.tolist(), "class_log_prior": np.log(priors), "feature_log_prob": np.log(theta)}


def predict_naive_bayes(model, count_matrix):
    """The most probable class of each row of count_matrix, as a list of labels from model["classes"]."""
    counts = np.asarray(count_matrix, dtype=np.float64)
    scores = counts @ model["feature_log_prob"].T + model["class_log_prior"]
    return [model["classes"][j] for j in scores.argmax(axis=1)]
''',
        "why": "smoothing adds alpha once to the denominator instead of alpha * V, so the probabilities do not sum to 1",
        "alternative": '''def fit_naive_bayes(count_matrix, labels, alpha=1.0):
    """Multinomial Naive Bayes with additive smoothing: {"classes", "class_log_prior", "feature_log_prob"}."""
    if not alpha > 0:
        raise ValueError("alpha must be > 0")
    X = np.asarray(count_matrix, dtype=np.float64)
    y = np.asarray(labels)
    classes = sorted(set(y.tolist()))
    n_features = X.shape[1]
    log_prior = np.empty(len(classes))
    log_theta = np.empty((len(classes), n_features))
    for row, label in enumerate(classes):  # a loop over classes only
        members = X[y == label]
        log_prior[row] = np.log(len(members) / len(X))
        word_totals = members.sum(axis=0)
        log_theta[row] = np.log(word_totals + alpha) - np.log(word_totals.sum() + alpha * n_features)
    return {"classes": classes, "class_log_prior": log_prior, "feature_log_prob": log_theta}


def predict_naive_bayes(model, count_matrix):
    """The most probable class of each row of count_matrix, as a list of labels from model["classes"]."""
    X = np.asarray(count_matrix, dtype=np.float64)
    weights = np.asarray(model["feature_log_prob"], dtype=np.float64)
    joint = np.einsum("nv,cv->nc", X, weights) + np.asarray(model["class_log_prior"], dtype=np.float64)
    labels = model["classes"]
    return [labels[int(best)] for best in np.argmax(joint, axis=1)]
''',
        "denied": '''from sklearn.naive_bayes import MultinomialNB


def fit_naive_bayes(count_matrix, labels, alpha=1.0):
    """Multinomial Naive Bayes with additive smoothing: {"classes", "class_log_prior", "feature_log_prob"}."""
    if alpha <= 0:
        raise ValueError(f"alpha must be positive, got {alpha}")
    model = MultinomialNB(alpha=alpha, force_alpha=True).fit(np.asarray(count_matrix, dtype=np.float64), np.asarray(labels))
    return {"classes": model.classes_.tolist(), "class_log_prior": model.class_log_prior_,
            "feature_log_prob": model.feature_log_prob_}


def predict_naive_bayes(model, count_matrix):
    """The most probable class of each row of count_matrix, as a list of labels from model["classes"]."""
    counts = np.asarray(count_matrix, dtype=np.float64)
    if counts.shape[0] == 0:
        return []
    classifier = MultinomialNB()
    classifier.classes_ = np.asarray(model["classes"])
    classifier.class_log_prior_ = np.asarray(model["class_log_prior"])
    classifier.feature_log_prob_ = np.asarray(model["feature_log_prob"])
    classifier.n_features_in_ = counts.shape[1]
    return classifier.predict(counts).tolist()
''',
    },
    "metrics": {
        "wrong": '''def confusion_matrix(y_true, y_pred, labels):
    """(len(labels), len(labels)) int64 counts: rows = true label, columns = predicted label."""
    matrix = np.zeros((len(labels), len(labels)), dtype=np.int64)
    for t, p in zip(y_true, y_pred):
        if t in labels and p in labels:
            matrix[labels.index(t), labels.index(p)] += 1
    return matrix


def precision_recall_f1(y_true, y_pred, labels, average=None):
    """Per-label arrays (average=None) or macro/micro floats of precision, recall and F1; 0 for 0/0."""
    if average not in (None, "macro", "micro"):
        raise ValueError(f"unknown average {average!r}")
    y_true, y_pred = list(y_true), list(y_pred)
    tp = np.array([sum(t == l and p == l for t, p in zip(y_true, y_pred)) for l in labels], dtype=float)
    fp = np.array([sum(t != l and p == l for t, p in zip(y_true, y_pred)) for l in labels], dtype=float)
    fn = np.array([sum(t == l and p != l for t, p in zip(y_true, y_pred)) for l in labels], dtype=float)
    if average == "micro":
        tp, fp, fn = tp.sum(), fp.sum(), fn.sum()
    precision = np.divide(tp, tp + fp, out=np.zeros_like(tp), where=(tp + fp) > 0)
    recall = np.divide(tp, tp + fn, out=np.zeros_like(tp), where=(tp + fn) > 0)
    if average == "macro":
        p, r = float(precision.mean()), float(recall.mean())
        return p, r, (2 * p * r / (p + r) if p + r > 0 else 0.0)  # F1 of the macro precision and recall
    f1 = np.divide(2 * precision * recall, precision + recall, out=np.zeros_like(precision),
                   where=(precision + recall) > 0)
    if average == "micro":
        return float(precision), float(recall), float(f1)
    return precision, recall, f1
''',
        "why": "macro F1 computed as the F1 of the macro precision and macro recall instead of the mean of the per-label F1",
        "alternative": '''def confusion_matrix(y_true, y_pred, labels):
    """(len(labels), len(labels)) int64 counts: rows = true label, columns = predicted label."""
    from collections import Counter

    pairs = Counter(zip(y_true, y_pred))
    return np.array([[pairs[(truth, guess)] for guess in labels] for truth in labels],
                    dtype=np.int64).reshape(len(labels), len(labels))


def precision_recall_f1(y_true, y_pred, labels, average=None):
    """Per-label arrays (average=None) or macro/micro floats of precision, recall and F1; 0 for 0/0."""
    if average is not None and average != "macro" and average != "micro":
        raise ValueError("average must be None, 'macro' or 'micro'")

    def ratio(top, bottom):
        return top / bottom if bottom else 0.0

    hits, said, were = [], [], []
    for label in labels:
        hits.append(sum(1 for t, p in zip(y_true, y_pred) if t == label and p == label))
        said.append(sum(1 for p in y_pred if p == label))
        were.append(sum(1 for t in y_true if t == label))
    if average == "micro":
        precision, recall = ratio(sum(hits), sum(said)), ratio(sum(hits), sum(were))
        return float(precision), float(recall), float(ratio(2 * precision * recall, precision + recall))
    precisions = [ratio(h, s) for h, s in zip(hits, said)]
    recalls = [ratio(h, w) for h, w in zip(hits, were)]
    f1s = [ratio(2 * p * r, p + r) for p, r in zip(precisions, recalls)]
    if average == "macro":
        return sum(precisions) / len(labels), sum(recalls) / len(labels), sum(f1s) / len(labels)
    return (np.array(precisions, dtype=np.float64), np.array(recalls, dtype=np.float64),
            np.array(f1s, dtype=np.float64))
''',
        "denied": '''from sklearn import metrics


def confusion_matrix(y_true, y_pred, labels):
    """(len(labels), len(labels)) int64 counts: rows = true label, columns = predicted label."""
    if not any(label in set(y_true) for label in labels):  # scikit-learn refuses this case; every row is 0
        return np.zeros((len(labels), len(labels)), dtype=np.int64)
    return metrics.confusion_matrix(list(y_true), list(y_pred), labels=list(labels)).astype(np.int64)


def precision_recall_f1(y_true, y_pred, labels, average=None):
    """Per-label arrays (average=None) or macro/micro floats of precision, recall and F1; 0 for 0/0."""
    if average not in (None, "macro", "micro"):
        raise ValueError(f"average must be None, 'macro' or 'micro', got {average!r}")
    if len(y_true) == 0:
        zeros = np.zeros(len(labels))
        return (zeros, zeros.copy(), zeros.copy()) if average is None else (0.0, 0.0, 0.0)
    precision, recall, f1, _ = metrics.precision_recall_fscore_support(
        list(y_true), list(y_pred), labels=list(labels), average=average, zero_division=0)
    if average is None:
        return np.asarray(precision, dtype=np.float64), np.asarray(recall, dtype=np.float64), np.asarray(f1, dtype=np.float64)
    return float(precision), float(recall), float(f1)
''',
    },
    "sentiment_model": {
        "wrong": '''def train_sentiment_model(texts, labels):
    """A fitted Pipeline(TfidfVectorizer -> LogisticRegression) trained on raw texts and their labels."""
    model = Pipeline([
        ("tfidf", TfidfVectorizer(ngram_range=(2, 5), sublinear_tf=True, min_df=2)),
        ("classifier", LogisticRegression(C=10.0, max_iter=1000)),
    ])
    return model.fit(texts, labels)


def predict_sentiment(model, texts):
    """The predicted label (a str) of each text, as a list."""
    return [str(label) for label in model.predict(texts)]
''',
        "why": "copies ngram_range=(2, 5) but forgets analyzer='char_wb': word 2- to 5-grams seen twice are too rare to learn from",
        "alternative": '''def train_sentiment_model(texts, labels):
    """A fitted Pipeline(TfidfVectorizer -> LogisticRegression) trained on raw texts and their labels."""
    steps = [("features", TfidfVectorizer(analyzer="char_wb", ngram_range=(1, 3))),
             ("logreg", LogisticRegression(max_iter=2000))]
    pipeline = Pipeline(steps)
    pipeline.fit(texts, labels)
    return pipeline


def predict_sentiment(model, texts):
    """The predicted label (a str) of each text, as a list."""
    return model.predict(texts).tolist()
''',
    },
    "most_confident_errors": {
        "wrong": '''def most_confident_errors(y_true, probabilities, classes, k):
    """Indices of the k most confident wrong predictions; confidence descending, ties by smaller index."""
    probabilities = np.asarray(probabilities)
    predicted = [classes[j] for j in probabilities.argmax(axis=1)]
    confidence = probabilities.max(axis=1) if len(probabilities) else np.zeros(0)
    wrong = np.array([i for i, (p, t) in enumerate(zip(predicted, y_true)) if p != t], dtype=int)
    ranked = wrong[np.argsort(confidence[wrong], kind="stable")[::-1]]  # most confident first
    return [int(i) for i in ranked[:k]]
''',
        "why": "reverses an ascending stable sort, so ties in confidence come out with the larger index first",
        "alternative": '''def most_confident_errors(y_true, probabilities, classes, k):
    """Indices of the k most confident wrong predictions; confidence descending, ties by smaller index."""
    errors = []
    for index, (truth, row) in enumerate(zip(y_true, np.asarray(probabilities, dtype=np.float64))):
        best = max(range(len(row)), key=lambda column: row[column])  # max keeps the first of equal values
        if classes[best] != truth:
            errors.append((-row[best], index))
    errors.sort()
    return [index for _, index in errors[:k]]
''',
    },
    "naive_bayes_proba": {
        "wrong": '''def naive_bayes_proba(model, count_matrix):
    \"\"\"P(class | document) for each row of count_matrix, float64 (n_docs, n_classes), normalised in log space.\"\"\"
    x = np.asarray(count_matrix, dtype=np.float64).reshape(-1, np.shape(model["feature_log_prob"])[1])
    scores = x @ np.asarray(model["feature_log_prob"]).T           # forgets the class prior
    scores = scores - scores.max(axis=1, keepdims=True)
    e = np.exp(scores)
    return e / e.sum(axis=1, keepdims=True)
''',
        "why": "normalises stably in log space but leaves out log P(c), so with unequal class priors every posterior "
               "is wrong",
        "alternative": '''def naive_bayes_proba(model, count_matrix):
    \"\"\"P(class | document) for each row of count_matrix, float64 (n_docs, n_classes), normalised in log space.\"\"\"
    from scipy.special import logsumexp

    weights = np.array(model["feature_log_prob"], dtype=float)
    x = np.array(count_matrix, dtype=float).reshape(-1, weights.shape[1])
    joint = np.einsum("dv,cv->dc", x, weights) + np.array(model["class_log_prior"], dtype=float)[None, :]
    if joint.shape[0] == 0:
        return np.zeros((0, weights.shape[0]))
    return np.exp(joint - logsumexp(joint, axis=1, keepdims=True)).astype(np.float64)
''',
    },
    "quiz": {
        "wrong": '''quiz_counts = np.array([[2, 0], [0, 1], [1, 0]])
quiz_labels = ["pos", "neg", "pos"]
# Set the four variables below.
predicted_theta = 0.0               # forgets the smoothing: the feature never occurs in a pos document
predicted_pos_posterior = 0.0
quiz_model = fit_naive_bayes(quiz_counts, quiz_labels, alpha=1.0)
measured_theta = float(np.exp(quiz_model["feature_log_prob"][1, 1]))
measured_pos_posterior = float(naive_bayes_proba(quiz_model, np.array([[0, 1]]))[0, 1])
''',
        "why": "predicts theta = 0 and a posterior of 0, forgetting the additive smoothing with alpha = 1",
        "alternative": '''quiz_counts = np.array([[2, 0], [0, 1], [1, 0]])
quiz_labels = ["pos", "neg", "pos"]
# Set the four variables below.
predicted_theta = 0.2
predicted_pos_posterior = 0.375
pos_rows = quiz_counts[[0, 2]].sum(axis=0) + 1.0
neg_rows = quiz_counts[[1]].sum(axis=0) + 1.0
theta_pos, theta_neg = pos_rows / pos_rows.sum(), neg_rows / neg_rows.sum()
measured_theta = float(theta_pos[1])
joint_pos, joint_neg = 2 / 3 * theta_pos[1], 1 / 3 * theta_neg[1]
measured_pos_posterior = float(joint_pos / (joint_pos + joint_neg))
''',
    },
}
