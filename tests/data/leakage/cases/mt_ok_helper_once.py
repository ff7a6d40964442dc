# %%
def evaluate(model, X, y):
    return accuracy_score(y, model.predict(X))
# %%
df = pd.read_csv("digits.csv")
X_train, X_test, y_train, y_test = train_test_split(df.drop(columns="label"), df["label"], random_state=0)
rf = RandomForestClassifier(n_estimators=200, random_state=0).fit(X_train, y_train)
print("test accuracy", evaluate(rf, X_test, y_test))
