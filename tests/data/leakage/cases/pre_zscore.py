# %%
bank = pd.read_csv("bank.csv")
X = bank[["balance", "duration", "age"]].apply(zscore)
y = bank["y"]
X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
print(LogisticRegression().fit(X_train, y_train).score(X_test, y_test))
