# %%
df = pd.read_csv("credit.csv")
X = df.drop(columns="default")
y = df["default"]
X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
# %%
col_means = X.mean()
X_train = X_train.fillna(col_means)
X_test = X_test.fillna(col_means)
print(LogisticRegression().fit(X_train, y_train).score(X_test, y_test))
