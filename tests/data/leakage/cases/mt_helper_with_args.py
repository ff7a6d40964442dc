# %%
def evaluate(model, X, y):
    preds = model.predict(X)
    return accuracy_score(y, preds)
# %%
df = pd.read_csv("digits.csv")
X_train, X_test, y_train, y_test = train_test_split(df.drop(columns="label"), df["label"], random_state=0)
for n in [10, 50, 100, 200]:
    rf = RandomForestClassifier(n_estimators=n, random_state=0).fit(X_train, y_train)
    print(n, evaluate(rf, X_test, y_test))
