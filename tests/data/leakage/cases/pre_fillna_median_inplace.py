# %%
df = pd.read_csv("loans.csv")
df["income"].fillna(df["income"].median(), inplace=True)
df.credit_score.fillna(df.credit_score.mean(), inplace=True)
# %%
features = ["income", "credit_score", "amount"]
X_train, X_test, y_train, y_test = train_test_split(df[features], df["default"], stratify=df["default"], random_state=0)
model = RandomForestClassifier(random_state=0).fit(X_train, y_train)
print(roc_auc_score(y_test, model.predict_proba(X_test)[:, 1]))
