"""Answer bank for week09/day02_whisper_and_wav2vec (see tests/answer_bank/__init__.py)."""

BANK = {
    "pad_or_trim": {
        "wrong": '''def pad_or_trim(audio, length=480_000):
    x = np.asarray(audio, dtype=np.float32).reshape(-1)
    if len(x) >= length:
        return x[:length]
    return np.pad(x, (length - len(x), 0))
''',
        "why": "pads the silence at the start instead of the end",
        "alternative": '''def pad_or_trim(audio, length=480_000):
    if hasattr(audio, "numpy"):
        audio = audio.numpy()
    values = list(np.ravel(audio))[:length]
    values += [0.0] * (length - len(values))
    return np.array(values, dtype=np.float32)
''',
    },
    "whisper_scale": {
        "wrong": '''def whisper_scale(log10_mel):
    x = np.asarray(log10_mel, dtype=np.float64)
    floor = x.max(axis=1, keepdims=True) - 8.0
    return ((np.maximum(x, floor) + 4.0) / 4.0).astype(np.float32)
''',
        "why": "the floor is taken per mel bin (axis=1) instead of over the whole spectrogram",
        "alternative": '''def whisper_scale(log10_mel):
    x = torch.as_tensor(np.asarray(log10_mel, dtype=np.float64))
    x = torch.clamp(x, min=float(x.max()) - 8.0)
    return (x / 4.0 + 1.0).numpy().astype(np.float32)
''',
    },
    "whisper_log_mel": {
        "wrong": '''def whisper_log_mel(audio, n_mels=80):
    x = pad_or_trim(audio).astype(np.float64)
    padded = np.pad(x, 200)
    frames = np.stack([padded[i * 160:i * 160 + 400] for i in range(3001)])
    window = 0.5 - 0.5 * np.cos(2 * np.pi * np.arange(400) / 400)
    power = np.abs(np.fft.rfft(frames * window, axis=1)[:-1]).T ** 2
    bank = librosa.filters.mel(sr=16000, n_fft=400, n_mels=n_mels, dtype=np.float64)
    log_spec = np.log10(np.maximum(bank @ power, 1e-10))
    return whisper_scale(log_spec)
''',
        "why": "pads the STFT's edges with zeros instead of by reflection",
        "alternative": '''def whisper_log_mel(audio, n_mels=80):
    signal = torch.as_tensor(pad_or_trim(audio), dtype=torch.float64)
    stft = torch.stft(signal, n_fft=400, hop_length=160, window=torch.hann_window(400, dtype=torch.float64),
                      center=True, pad_mode="reflect", return_complex=True)
    power = stft[:, :-1].abs() ** 2
    filters = torch.as_tensor(librosa.filters.mel(sr=16000, n_fft=400, n_mels=n_mels, dtype=np.float64))
    log_spec = torch.clamp(filters @ power, min=1e-10).log10()
    log_spec = torch.maximum(log_spec, log_spec.max() - 8.0)
    return ((log_spec + 4.0) / 4.0).numpy().astype(np.float32)
''',
        "denied": '''def whisper_log_mel(audio, n_mels=80):
    extractor = WhisperFeatureExtractor(feature_size=n_mels)
    return extractor(pad_or_trim(audio), sampling_rate=16000, return_tensors="np").input_features[0]
''',
    },
    "whisper_prompt": {
        "wrong": '''def timestamp_token(seconds):
    seconds = float(seconds)
    if seconds < 0 or seconds > 30:
        raise ValueError("out of range")
    return f"<|{int(seconds / 0.02) * 0.02:.2f}|>"


def whisper_prompt(language, task="transcribe", timestamps=False):
    if task not in ("transcribe", "translate"):
        raise ValueError(task)
    tokens = ["<|startoftranscript|>"]
    if language is not None:
        if not (isinstance(language, str) and len(language) in (2, 3) and language.isalpha() and language.islower()):
            raise ValueError(language)
        tokens.append("<|" + language + "|>")
    tokens.append("<|" + task + "|>")
    if not timestamps:
        tokens.append("<|notimestamps|>")
    return tokens
''',
        "why": "truncates the time to the step below instead of rounding to the nearest 0.02 s",
        "alternative": '''import re

_TASKS = {"transcribe": "<|transcribe|>", "translate": "<|translate|>"}


def timestamp_token(seconds):
    value = float(seconds)
    if value < 0.0 or value > 30.0:
        raise ValueError("timestamps lie between 0 and 30 seconds")
    return "<|%.2f|>" % (round(value * 50) / 50)


def whisper_prompt(language, task="transcribe", timestamps=False):
    if task not in _TASKS:
        raise ValueError("unknown task")
    if language is not None and not (isinstance(language, str) and re.fullmatch(r"[a-z]{2,3}", language)):
        raise ValueError("bad language code")
    prompt = ["<|startoftranscript|>"] + ([f"<|{language}|>"] if language else []) + [_TASKS[task]]
    return prompt if timestamps else prompt + ["<|notimestamps|>"]
''',
    },
    "conv_output_lengths": {
        "wrong": '''def conv_output_lengths(lengths, kernels=(10, 3, 3, 3, 3, 2, 2), strides=(5, 2, 2, 2, 2, 2, 2)):
    lengths = np.asarray(lengths.numpy() if hasattr(lengths, "numpy") else lengths, dtype=np.int64)
    return (lengths // int(np.prod(strides))).astype(np.int64)
''',
        "why": "divides by the product of the strides, ignoring the kernels (50 frames for one second instead of 49)",
        "alternative": '''def _frames_after(length, kernels, strides):
    for kernel, stride in zip(kernels, strides):
        length = 0 if length < kernel else 1 + (length - kernel) // stride
    return length


def conv_output_lengths(lengths, kernels=(10, 3, 3, 3, 3, 2, 2), strides=(5, 2, 2, 2, 2, 2, 2)):
    array = np.array(lengths.tolist() if hasattr(lengths, "tolist") else lengths, dtype=np.int64)
    flat = [_frames_after(int(n), kernels, strides) for n in array.reshape(-1)]
    return np.array(flat, dtype=np.int64).reshape(array.shape)
''',
        "denied": '''def conv_output_lengths(lengths, kernels=(10, 3, 3, 3, 3, 2, 2), strides=(5, 2, 2, 2, 2, 2, 2)):
    config = Wav2Vec2Config(conv_kernel=kernels, conv_stride=strides, conv_dim=(1,) * len(kernels), hidden_size=8,
                            num_hidden_layers=1, num_attention_heads=1, intermediate_size=8, num_conv_pos_embeddings=2,
                            num_conv_pos_embedding_groups=1)
    model = Wav2Vec2Model(config)
    frames = model._get_feat_extract_output_lengths(torch.as_tensor(np.asarray(lengths, dtype=np.int64)))
    return np.maximum(np.asarray(frames, dtype=np.int64), 0)
''',
    },
    "contrastive": {
        "wrong": '''def contrastive_logits(context, quantised, negative_indices, temperature=0.1):
    c = torch.as_tensor(context, dtype=torch.float32)
    q = torch.as_tensor(quantised, dtype=torch.float32)
    idx = torch.as_tensor(negative_indices, dtype=torch.int64)
    candidates = torch.cat([q[:, None], q[idx]], dim=1)
    return (candidates * c[:, None]).sum(-1) / temperature


def contrastive_loss(context, quantised, negative_indices, temperature=0.1):
    logits = contrastive_logits(context, quantised, negative_indices, temperature)
    return torch.nn.functional.cross_entropy(logits, torch.zeros(len(logits), dtype=torch.int64))
''',
        "why": "dot products instead of cosine similarities (the vectors are not normalised)",
        "alternative": '''def _unit(rows):
    rows = torch.as_tensor(rows, dtype=torch.float64)
    return rows / rows.norm(dim=-1, keepdim=True)


def contrastive_logits(context, quantised, negative_indices, temperature=0.1):
    c, q = _unit(context), _unit(quantised)
    columns = [(c * q).sum(-1)]
    indices = np.asarray(negative_indices)
    for k in range(indices.shape[1]):
        columns.append((c * q[torch.as_tensor(indices[:, k])]).sum(-1))
    return (torch.stack(columns, dim=1) / temperature).float()


def contrastive_loss(context, quantised, negative_indices, temperature=0.1):
    logits = contrastive_logits(context, quantised, negative_indices, temperature)
    return (torch.logsumexp(logits, dim=1) - logits[:, 0]).mean()
''',
        "denied": '''def contrastive_logits(context, quantised, negative_indices, temperature=0.1):
    c = torch.as_tensor(context, dtype=torch.float32)
    q = torch.as_tensor(quantised, dtype=torch.float32)
    negatives = q[torch.as_tensor(negative_indices, dtype=torch.int64)].permute(1, 0, 2)[:, None]
    logits = Wav2Vec2ForPreTraining.compute_contrastive_logits(q[None, None], negatives, c[None], temperature)
    return logits[:, 0].T


def contrastive_loss(context, quantised, negative_indices, temperature=0.1):
    logits = contrastive_logits(context, quantised, negative_indices, temperature)
    return torch.nn.functional.cross_entropy(logits, torch.zeros(len(logits), dtype=torch.int64))
''',
    },
    "quiz": {
        "wrong": '''predicted_wav2vec_frames = 125
predicted_whisper_frames = 4500
predicted_chance_loss = math.log(7)
measured_wav2vec_frames = int(conv_output_lengths(40_000))
measured_whisper_frames = int(whisper_log_mel(np.zeros(720_000, dtype=np.float32)).shape[1])
_v = np.ones((8, 4))
measured_chance_loss = float(contrastive_loss(_v, _v, np.array([[j for j in range(8) if j != t] for t in range(8)]), 0.1))
''',
        "why": "predicts 40,000 / 320 frames, forgets the 30 s trim and counts only the negatives in ln(K)",
        "alternative": '''predicted_wav2vec_frames = 124
predicted_whisper_frames = 3000
predicted_chance_loss = 2.0794
measured_wav2vec_frames = int(np.asarray(conv_output_lengths([40_000]))[0])
measured_whisper_frames = int(np.asarray(whisper_log_mel(torch.zeros(45 * 16_000))).shape[-1])
_same = torch.full((8, 3), 0.7)
_others = [[(t + k) % 8 for k in range(1, 8)] for t in range(8)]
measured_chance_loss = float(contrastive_loss(_same, _same, _others, temperature=0.1))
''',
    },
}
