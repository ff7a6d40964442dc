# %%
df = pd.read_csv("fraud.csv")
neg = df[df["is_fraud"] == 0].sample(n=5000, random_state=0)
pos = df[df["is_fraud"] == 1]
small = pd.concat([neg, pos])
X_train, X_test, y_train, y_test = train_test_split(small.drop(columns="is_fraud"), small["is_fraud"], random_state=0)
print(f1_score(y_test, LogisticRegression().fit(X_train, y_train).predict(X_test)))
