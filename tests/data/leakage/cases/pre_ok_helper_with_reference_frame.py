# %%
def scale(frame, reference):
    return (frame - reference.mean()) / reference.std()
# %%
df = pd.read_csv("energy.csv")
X_train, X_test, y_train, y_test = train_test_split(df[["temp", "wind"]], df["load"], random_state=0)
X_train_s = scale(X_train, X_train)
X_test_s = scale(X_test, X_train)
print(Ridge().fit(X_train_s, y_train).score(X_test_s, y_test))
