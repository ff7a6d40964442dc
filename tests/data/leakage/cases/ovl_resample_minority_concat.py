# %%
df = pd.read_csv("fraud.csv")
majority = df[df["is_fraud"] == 0]
minority = df[df["is_fraud"] == 1]
minority_up = resample(minority, replace=True, n_samples=len(majority), random_state=0)
balanced = pd.concat([majority, minority_up])
# %%
X_train, X_test, y_train, y_test = train_test_split(balanced.drop(columns="is_fraud"), balanced["is_fraud"], random_state=0)
print(f1_score(y_test, RandomForestClassifier(random_state=0).fit(X_train, y_train).predict(X_test)))
